package dev.morganbuild.engine.text;

import dev.morganbuild.engine.id.RandomId;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Temporary files and folders as {@link Files#createTempFile} and {@link Files#createTempDirectory} make
 * them (a new random name, created exclusively, readable only by this user where the file system has
 * POSIX permissions), named from {@link RandomId} instead of a {@code SecureRandom}: the JDK's own would
 * set up the security providers, 15 to 30 ms of a one-shot CLI call.
 */
public final class TempFiles {
    private static final int ATTEMPTS = 100;

    private TempFiles() {
    }

    /** A new empty file {@code <prefix><random><suffix>} in {@code dir}, mode 0600. */
    public static Path createFile(Path dir, String prefix, String suffix) throws IOException {
        for (int i = 0; ; i++) {
            Path p = dir.resolve(prefix + RandomId.name() + suffix);
            try {
                return posix(dir) ? Files.createFile(p, mode("rw-------")) : Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                if (i == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** A new empty folder {@code <prefix><random>} in {@code java.io.tmpdir}, mode 0700. */
    public static Path createDirectory(String prefix) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; ; i++) {
            Path p = dir.resolve(prefix + RandomId.name());
            try {
                return posix(dir) ? Files.createDirectory(p, mode("rwx------")) : Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                if (i == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<java.nio.file.attribute.PosixFilePermission>> mode(String mode) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode));
    }
}
