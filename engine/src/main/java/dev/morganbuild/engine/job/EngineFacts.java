package dev.morganbuild.engine.job;

import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Small facts about the engine and the checkout that shape a build. */
final class EngineFacts {
    private EngineFacts() {
    }

    /**
     * {@code host} when the engine has no {@code bridge} network (a daemon started with
     * {@code --bridge=none}, where RUN steps otherwise fail with "network bridge not found"), else
     * null for docker's default.
     */
    static String defaultNetwork(CommandRunner runner, BuildSettings s) {
        Command c = Command.of(List.of(s.dockerExecutable(), "network", "inspect", "--format", "{{.Name}}", "bridge"))
                .withEnv(s.env());
        return StackBuild.quietly(runner, c) == 0 ? null : "host";
    }

    /** The checkout's HEAD commit, or null when it is not a git checkout. */
    static String gitCommit(CommandRunner runner, Path dir) {
        StringBuilder out = new StringBuilder();
        try {
            int code = runner.run(Command.of(List.of("git", "-C", dir.toString(), "rev-parse", "HEAD")),
                    line -> out.append(line.trim()));
            String sha = out.toString();
            return code == 0 && sha.matches("[0-9a-f]{40}") ? sha : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
