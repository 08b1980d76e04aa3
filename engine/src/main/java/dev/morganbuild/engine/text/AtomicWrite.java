package dev.morganbuild.engine.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Replaces a small file whole: a reader, in this process or another, sees the old content or the new. */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /** Writes {@code text} to a temporary file beside {@code file} and renames it over {@code file}. */
    public static void replace(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = TempFiles.createFile(file.getParent(), "." + file.getFileName() + "-", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
