package dev.morganbuild.engine.cache;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The file system that holds the engine's data root.
 *
 * @param path       the engine's data root ({@code docker info}'s DockerRootDir)
 * @param totalBytes the file system's size
 * @param freeBytes  what is left for the engine to use
 */
public record DiskSpace(String path, long totalBytes, long freeBytes) {
    /** The file system of {@code dataRoot} when this machine can see it (a local engine), else empty. */
    static Optional<DiskSpace> of(String dataRoot) {
        if (dataRoot == null || dataRoot.isBlank()) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(dataRoot);
            if (!Files.exists(p)) {
                return Optional.empty();
            }
            FileStore fs = Files.getFileStore(p);
            return Optional.of(new DiskSpace(dataRoot, fs.getTotalSpace(), fs.getUsableSpace()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not readable from here: say nothing rather than something wrong
        }
    }
}
