package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Resolves the paths a compose file names and keeps them inside the trust root (the enclosing git
 * work tree, {@code --trust-root}, the Jenkins workspace). The check uses real paths, so a symlink
 * inside the trust root cannot lead a build context out of it.
 */
final class ProjectPaths {
    private final ComposeYaml y;
    private final Path projectDir;
    private final boolean explicit;

    /**
     * @param projectDir the trust root, already a real path
     * @param explicit   whether the user chose it (else it is the default, and the fix is to widen it)
     */
    ProjectPaths(ComposeYaml y, Path projectDir, boolean explicit) {
        this.y = y;
        this.projectDir = projectDir;
        this.explicit = explicit;
    }

    ProjectPaths(ComposeYaml y, Path projectDir) {
        this(y, projectDir, true);
    }

    /**
     * True for context values Compose leaves as written instead of resolving them as paths: anything
     * with {@code ://} ({@code docker-image://}, URLs) and the git references of {@link RemoteContext}.
     */
    static boolean isRemote(String value) {
        return value.contains("://") || RemoteContext.is(value);
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
                    "create it, or fix the path: relative paths start from " + base + (what.equals("build context")
                            ? " (the project directory: the first compose file's folder unless --project-directory says otherwise)"
                            : what.equals("Dockerfile") ? " (the build context)" : ""));
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
            throw y.error(at, what + " '" + raw + "' is outside the trust root " + projectDir
                    + (real.equals(p) ? "" : " (it resolves to " + real + ")"),
                    "keep build inputs inside " + projectDir + ", or widen the boundary with --trust-root DIR"
                            + (explicit ? "" : " (it defaults to the enclosing git work tree, else the project directory)")
                            + "; symlinks that lead out of it are refused");
        }
        return real;
    }

    /**
     * The path of a secret's file. It must lie inside the project, or inside one of {@code secretDirs}
     * (from {@code MORGAN_SECRET_DIRS} in the build's environment: a compose file cannot widen this), so
     * that a compose file cannot mount any file of the agent (an SSH key, a cloud token) into a RUN
     * step. Symlinks are followed before the check, also those of the folders of a file that does not
     * exist yet (docker reports a missing file itself).
     */
    Path secretFile(Node at, Path base, String raw, String secret, List<Path> secretDirs) {
        Path p;
        try {
            p = base.resolve(raw).normalize();
        } catch (InvalidPathException e) {
            throw y.error(at, "the file of secret '" + secret + "' ('" + raw + "') is not a valid path",
                    "write a path relative to " + base);
        }
        if (Files.exists(p) && !Files.isRegularFile(p)) {
            throw y.error(at, "the file of secret '" + secret + "' ('" + raw + "') is not a regular file",
                    "point it at the file that holds the secret");
        }
        Path real = realOrNearest(at, p);
        if (real.startsWith(projectDir) || secretDirs.stream().anyMatch(real::startsWith)) {
            return real;
        }
        throw y.error(at, "the file of secret '" + secret + "' ('" + raw + "') is outside the project directory "
                        + projectDir + (real.equals(p) ? "" : " (it resolves to " + real + ")")
                        + (secretDirs.isEmpty() ? "" : " and outside MORGAN_SECRET_DIRS " + secretDirs),
                "keep the secret file inside the project (and out of git), pass the value with 'environment: VAR' "
                        + "instead, or name its folder in MORGAN_SECRET_DIRS in the build's environment");
    }

    /** The real path of {@code p}, or of its nearest existing folder with the rest appended. */
    private Path realOrNearest(Node at, Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            throw y.error(at, "'" + p + "' cannot be resolved: " + e.getMessage(), "check the path and its permissions");
        }
    }

    /**
     * The folders outside the project that secret files may come from: {@code MORGAN_SECRET_DIRS}, a
     * list of absolute paths separated by the platform's path separator (':' on Linux).
     */
    static List<Path> secretDirs(Map<String, String> env) {
        String value = env.get(SECRET_DIRS);
        List<Path> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String entry : value.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))) {
            if (entry.isBlank()) {
                continue;
            }
            Path dir;
            try {
                dir = Path.of(entry.strip());
            } catch (InvalidPathException e) {
                throw new MorganException(SECRET_DIRS, 0, 0, "entry '" + entry + "' is not a valid path",
                        "list absolute folders separated by '" + java.io.File.pathSeparator + "'");
            }
            if (!dir.isAbsolute()) {
                throw new MorganException(SECRET_DIRS, 0, 0, "entry '" + entry + "' is not an absolute path",
                        "list absolute folders separated by '" + java.io.File.pathSeparator + "'");
            }
            try {
                out.add(Files.exists(dir) ? dir.toRealPath() : dir.normalize());
            } catch (IOException e) {
                throw new MorganException(SECRET_DIRS, 0, 0, "entry '" + entry + "' cannot be resolved: " + e.getMessage(),
                        "check the folder and its permissions");
            }
        }
        return out;
    }

    /** The environment variable that lists the folders outside the project secret files may come from. */
    static final String SECRET_DIRS = "MORGAN_SECRET_DIRS";
}
