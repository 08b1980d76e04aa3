package dev.morganbuild.engine.cache;

import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps BuildKit's own cache within the byte budget. With the engine's built-in BuildKit (and with a
 * buildx builder) the layer cache and every cache mount (apt, pip) live in the engine's storage, not
 * under the cache root, so pruning the cache root alone would leave them unbounded. {@code docker
 * builder prune --keep-storage} (or {@code docker buildx prune}) removes the least recently used
 * records first and never one that a running build uses, so it is safe beside concurrent builds.
 */
public final class EnginePrune {
    private EnginePrune() {
    }

    /** The prune command for {@code backend}; argv only, the budget as a plain byte count. */
    static List<String> argv(String docker, Backend backend, String builder, long budgetBytes) {
        List<String> argv = new ArrayList<>(List.of(docker));
        if (backend == Backend.BUILDX) {
            argv.addAll(List.of("buildx", "prune", "--force"));
            if (builder != null && !builder.isBlank()) {
                argv.addAll(List.of("--builder", builder));
            }
        } else {
            argv.addAll(List.of("builder", "prune", "--force"));
        }
        argv.addAll(List.of("--keep-storage", Long.toString(budgetBytes)));
        return argv;
    }

    /**
     * Runs the prune when {@code schedule} says it is due (the cache may have grown since the last
     * one), and notes it there when it succeeded. Returns what {@link #run} returns, or empty when no
     * prune was due.
     */
    public static Optional<String> runIfDue(PruneSchedule schedule, CommandRunner runner, String docker,
                                            Map<String, String> env, Backend backend, String builder, long budgetBytes)
            throws InterruptedException {
        java.time.Instant now = java.time.Instant.now();
        if (!schedule.due(budgetBytes, now)) {
            return Optional.empty();
        }
        boolean[] ok = {false};
        Optional<String> said = run(runner, docker, env, backend, builder, budgetBytes, ok);
        if (ok[0]) {
            schedule.pruned(budgetBytes, now);
        }
        return said;
    }

    /**
     * Runs the prune. Returns what to tell the user: how much was reclaimed (nothing when the engine's
     * cache was within the budget), or why the prune failed; a failed prune never fails a build.
     */
    public static Optional<String> run(CommandRunner runner, String docker, Map<String, String> env, Backend backend,
                                       String builder, long budgetBytes) throws InterruptedException {
        return run(runner, docker, env, backend, builder, budgetBytes, new boolean[1]);
    }

    private static Optional<String> run(CommandRunner runner, String docker, Map<String, String> env, Backend backend,
                                       String builder, long budgetBytes, boolean[] ok) throws InterruptedException {
        List<String> argv = argv(docker, backend, builder, budgetBytes);
        // docker prints one line per deleted record: keep only the total and the last line (for errors)
        List<String> out = new ArrayList<>();
        String[] last = {null};
        int code;
        try {
            code = runner.run(Command.of(argv).withEnv(env), line -> {
                last[0] = line;
                if (line.strip().startsWith("Total reclaimed space:")) {
                    out.add(line);
                }
            });
        } catch (IOException e) {
            return Optional.of("cannot prune the engine's build cache to the budget: " + e.getMessage());
        }
        if (code != 0) {
            return Optional.of("cannot prune the engine's build cache to the budget (" + String.join(" ", argv)
                    + " exited with " + code + (last[0] == null ? "" : ": " + last[0]) + ")");
        }
        ok[0] = true;
        return reclaimed(out).map(r -> "pruned the engine's build cache to the budget: reclaimed " + r);
    }

    /** The reclaimed size from docker's "Total reclaimed space: 1.2GB", or empty when it is zero. */
    static Optional<String> reclaimed(List<String> output) {
        for (String line : output) {
            String s = line.strip();
            if (s.startsWith("Total reclaimed space:")) {
                String size = s.substring("Total reclaimed space:".length()).strip();
                return size.matches("0(\\.0+)?\\s*B") ? Optional.empty() : Optional.of(size);
            }
        }
        return Optional.empty();
    }
}
