package dev.morganbuild.cli;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.stack.ComposeParser;
import dev.morganbuild.engine.stack.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that reads a stack shares. */
final class StackOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Compose file (default: docker-compose.yml, compose.yaml, ... in the current directory).")
    Path composeFile;

    @Option(names = "--project-dir", paramLabel = "DIR",
            description = "Repository root that contexts and Dockerfiles must stay inside (default: the compose file's folder).")
    Path projectDir;

    @Option(names = "--cache-root", paramLabel = "DIR",
            description = "Per-machine cache root (default: $MORGAN_CACHE_ROOT or ~/.cache/morgan-build).")
    Path cacheRoot;

    @Option(names = "--history", paramLabel = "DIR",
            description = "Build history folder (default: <cache root>/history).")
    Path history;

    Path composeFile() {
        if (composeFile != null) {
            return composeFile.toAbsolutePath().normalize();
        }
        for (String name : new String[] {"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"}) {
            Path p = Path.of(name).toAbsolutePath();
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw MorganException.of("no compose file in " + Path.of("").toAbsolutePath(),
                "run morgan in the folder of your docker-compose.yml, or pass -f path/to/docker-compose.yml");
    }

    Stack stack() {
        Path file = composeFile();
        if (!Files.exists(file)) {
            throw new MorganException(file.toString(), 0, 0, "compose file not found",
                    "check the path given with -f");
        }
        Path project = projectDir != null ? projectDir.toAbsolutePath().normalize() : file.getParent();
        return ComposeParser.parse(file, project);
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
            throw MorganException.of(what + ": " + problem, "pass a folder this user can create and write with " + option);
        }
    }
}
