package dev.morganbuild.engine.job;

import dev.morganbuild.engine.text.AtomicWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Images whose Dockerfile label has been read back and matched. An image ID is the digest of the
 * image's configuration, labels included, so an ID once seen with a label carries it everywhere and
 * for ever: a warm build that yields the same image again need not ask docker a second time. One line
 * per image in a small file in the cache root, trimmed to the newest entries.
 */
final class VerifiedImages {
    /** Lines kept when the file is trimmed; it is trimmed when it holds twice as many. */
    static final int KEEP = 500;
    private final Path file;

    VerifiedImages(Path cacheRoot) {
        this.file = cacheRoot.resolve("engine-facts").resolve("verified-images");
    }

    /** True when image {@code imageId} was seen carrying Dockerfile digest {@code digest}. */
    boolean has(String imageId, String digest) {
        try {
            return Files.isRegularFile(file) && Files.readAllLines(file, StandardCharsets.UTF_8).contains(line(imageId, digest));
        } catch (IOException e) {
            return false; // ask docker
        }
    }

    /** Notes that {@code imageId} carries {@code digest}; failures only mean asking docker next time. */
    void add(String imageId, String digest) {
        try {
            Files.createDirectories(file.getParent());
            // one short line appended: concurrent builds do not tear each other's lines
            Files.writeString(file, line(imageId, digest) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() > 2 * KEEP) {
                AtomicWrite.replace(file, String.join("\n", lines.subList(lines.size() - KEEP, lines.size())) + "\n");
            }
        } catch (IOException ignored) {
            // not noted: the next build of this image reads its label again
        }
    }

    private static String line(String imageId, String digest) {
        return imageId + " " + digest;
    }
}
