package dev.morganbuild.engine.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Resolves the paths a compose file names and keeps them inside the project directory. The check
 * uses real paths, so a symlink inside the project cannot lead a build context out of it.
 */
final class ProjectPaths {
    private final ComposeYaml y;
    private final Path projectDir;

    /** @param projectDir the project root, already a real path */
    ProjectPaths(ComposeYaml y, Path projectDir) {
        this.y = y;
        this.projectDir = projectDir;
    }

    /** True for values BuildKit fetches itself (git and HTTP URLs) rather than reading a local directory. */
    static boolean isRemote(String value) {
        return value.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*") || value.startsWith("git@");
    }

    /**
     * The real path of {@code raw} resolved against {@code base}, which must exist, be a directory
     * (or a regular file when {@code directory} is false) and lie inside the project.
     *
     * @param what e.g. "build context" (for messages)
     */
    Path resolve(Node at, Path base, String raw, String what, boolean directory) {
        Path p;
        try {
            p = base.resolve(raw).normalize();
        } catch (InvalidPathException e) {
            throw y.error(at, what + " '" + raw + "' is not a valid path", "write a path relative to " + base);
        }
        if (!Files.exists(p)) {
            throw y.error(at, what + " '" + raw + "' does not exist (looked for " + p + ")",
                    "create it, or fix the path: relative paths start from " + base);
        }
        if (directory ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
            throw y.error(at, what + " '" + raw + "' is not a " + (directory ? "directory" : "file"),
                    directory ? "point it at a directory" : "point it at a Dockerfile, not a directory");
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            throw y.error(at, what + " '" + raw + "' cannot be resolved: " + e.getMessage(),
                    "check the path and its permissions");
        }
        if (!real.startsWith(projectDir)) {
            throw y.error(at, what + " '" + raw + "' is outside the project directory " + projectDir
                    + (real.equals(p) ? "" : " (it resolves to " + real + ")"),
                    "keep build inputs inside " + projectDir + "; symlinks that lead out of it are refused");
        }
        return real;
    }
}
