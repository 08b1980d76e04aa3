package dev.morganbuild.cli;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.job.StackRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command that reads a stack shares. */
final class StackOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Compose file; repeat to merge several, as docker compose does (default: $COMPOSE_FILE, "
                    + "else compose.yaml, docker-compose.yml, ... and its override file).")
    List<Path> composeFiles;

    @Option(names = "--project-directory", paramLabel = "DIR",
            description = "Compose's project directory: relative paths and .env start here (default: the first compose file's folder).")
    Path projectDirectory;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Env file for interpolation instead of the project directory's .env; repeatable, later files win; "
                    + "the environment wins over all.")
    List<Path> envFiles;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Activate a compose profile; repeatable, '*' for all (default: $COMPOSE_PROFILES).")
    List<String> profiles;

    @Option(names = {"--trust-root", "--project-dir"}, paramLabel = "DIR",
            description = "Folder that build contexts, Dockerfiles and compose files must stay inside "
                    + "(default: the enclosing git work tree, else the project directory).")
    Path trustRoot;

    @Option(names = "--cache-root", paramLabel = "DIR",
            description = "Per-machine cache root (default: $MORGAN_CACHE_ROOT or ~/.cache/morgan-build).")
    Path cacheRoot;

    @Option(names = "--history", paramLabel = "DIR",
            description = "Build history folder (default: <cache root>/history).")
    Path history;

    /**
     * A request for this command line's compose project, cache root and history, with the process's
     * environment (compose interpolation reads it, as docker compose does).
     */
    StackRequest.Builder request() {
        return StackRequest.builder().workingDir(Path.of("").toAbsolutePath())
                .composeFiles(composeFiles == null ? List.of() : composeFiles.stream().map(f -> f.toAbsolutePath().normalize()).toList())
                .projectDirectory(projectDirectory == null ? null : projectDirectory.toAbsolutePath().normalize())
                .envFiles(envFiles == null ? List.of() : envFiles.stream().map(f -> f.toAbsolutePath().normalize()).toList())
                .profiles(profiles == null ? List.of() : profiles)
                .trustRoot(trustRoot == null ? null : trustRoot.toAbsolutePath().normalize())
                .env(System.getenv())
                .cacheRoot(cacheRoot().root())
                .historyDir(historyDir());
    }

    CacheRoot cacheRoot() {
        return new CacheRoot(cacheRoot != null ? cacheRoot.toAbsolutePath() : CacheRoot.defaultRoot(System.getenv()));
    }

    Path historyDir() {
        return history != null ? history.toAbsolutePath() : cacheRoot().root().resolve("history");
    }

    /**
     * Makes sure the cache root and the history folder exist and can be written, before anything is
     * built, so that a bad --cache-root or --history is one clear message rather than a failure after
     * the build.
     */
    void checkWritableFolders() {
        writable(cacheRoot().root(), cacheRoot != null ? "--cache-root" : "the cache root ($MORGAN_CACHE_ROOT or ~/.cache/morgan-build)",
                "--cache-root");
        writable(historyDir(), history != null ? "--history" : "the history folder (<cache root>/history)", "--history");
    }

    private static void writable(Path dir, String what, String option) {
        // a folder of this machine that cannot be written is the host's problem (exit 3), not the input's
        String problem = null;
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                problem = "cannot write to " + dir;
            }
        } catch (java.io.IOException | UnsupportedOperationException e) {
            problem = "cannot create the folder " + dir + " (" + e + ")";
        }
        if (problem != null) {
            throw MorganException.host(what + ": " + problem, "pass a folder this user can create and write with " + option);
        }
    }
}
