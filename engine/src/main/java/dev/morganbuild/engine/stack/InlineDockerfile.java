package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.id.Sha256;
import dev.morganbuild.engine.text.TempFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A {@code build.dockerfile_inline} as a real Dockerfile: written once per content to
 * {@code <tmp>/morgan-build-<user>/inline/<sha256>/Dockerfile} (a folder only this user may write),
 * so BuildKit and the Dockerfile reader see an ordinary file, and the same text is the same file.
 */
final class InlineDockerfile {
    private InlineDockerfile() {
    }

    static Path write(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha = sha256(bytes);
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "morgan-build-" + System.getProperty("user.name", "user"));
        Path file = root.resolve("inline").resolve(sha).resolve("Dockerfile");
        try {
            privateFolder(root);
            Files.createDirectories(file.getParent());
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && sha256(Files.readAllBytes(file)).equals(sha)) {
                return file;
            }
            Path tmp = TempFiles.createFile(file.getParent(), "Dockerfile", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException | UnsupportedOperationException e) {
            throw MorganException.host("cannot write the dockerfile_inline to " + file + ": " + e,
                    "make java.io.tmpdir (" + root.getParent() + ") writable for the build user");
        }
    }

    private static void privateFolder(Path root) throws IOException {
        try {
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // checked below
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(root);
        }
        if (Files.isSymbolicLink(root) || !Files.isDirectory(root)
                || !Files.getOwner(root).getName().equals(System.getProperty("user.name"))) {
            throw new IOException(root + " is not a folder of this user");
        }
    }

    private static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
