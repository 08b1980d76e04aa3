package dev.morganbuild.engine.job;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlanOptions;
import dev.morganbuild.engine.plan.Planner;
import dev.morganbuild.engine.plan.Selection;
import dev.morganbuild.engine.record.CacheMountPolicy;
import dev.morganbuild.engine.stack.ComposeParser;
import dev.morganbuild.engine.stack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one entry point a front end needs: plan or build services of a checkout from a
 * {@link ServiceJobRequest}. The Jenkins step calls it on the agent that holds the workspace.
 */
public final class ServiceJob {
    /** The agent JVM lives on between builds: parallel branches on one agent need not probe the engine each. */
    private static final FactsCache AGENT_FACTS = FactsCache.reuseFor(java.time.Duration.ofMinutes(1));

    private ServiceJob() {
    }

    /** Parses the compose file and plans the selection. */
    public static Plan plan(ServiceJobRequest r) {
        Path workspace = Path.of(r.workspace()).toAbsolutePath().normalize();
        Path compose = workspace.resolve(r.composeFile() == null || r.composeFile().isBlank()
                ? "docker-compose.yml" : r.composeFile()).normalize();
        if (!compose.startsWith(workspace)) {
            throw new MorganException(r.composeFile(), 0, 0, "compose file is outside the workspace",
                    "give composeFile relative to the workspace, without ../");
        }
        if (!Files.exists(compose)) {
            throw new MorganException(compose.toString(), 0, 0, "compose file not found",
                    "check composeFile (default docker-compose.yml) and that the checkout ran on this node");
        }
        Stack stack = ComposeParser.parse(compose, workspace, composeEnv(r));
        return Planner.standard().plan(stack, Selection.parse(r.selection()), options(r));
    }

    /**
     * The environment the compose file is read with: the machine's, overlaid with the front end's (the
     * Jenkins build's variables: ${VAR} in the compose file sees what a `sh` step would, and
     * MORGAN_SECRET_DIRS comes from there, never from the compose file).
     */
    static Map<String, String> composeEnv(ServiceJobRequest r) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.putAll(r.env());
        return env;
    }

    /**
     * Builds the planned services with the given runner and returns every service's record.
     *
     * @param history where to append records, or null
     */
    public static StackBuildResult build(ServiceJobRequest r, CommandRunner runner, HistoryStore history,
                                         BuildListener listener) throws IOException, InterruptedException {
        Plan plan = plan(r);
        Stack stack = ComposeParser.parse(plan.composeFile(), Path.of(r.workspace()).toAbsolutePath().normalize(),
                composeEnv(r));
        Map<String, String> env = new LinkedHashMap<>(r.env());
        env.put("DOCKER_BUILDKIT", "1");
        Backend backend = backend(r.backend());
        String docker = DockerClients.choose(runner, r.dockerExecutable() != null && !r.dockerExecutable().isBlank()
                ? java.util.List.of(r.dockerExecutable()) : DockerClients.candidates(env), env, backend);
        Path work = Files.createTempDirectory("morgan-build-");
        BuildSettings settings = new BuildSettings(docker, backend, r.builder() == null ? "morgan" : r.builder(), env,
                r.network(), Math.max(1, r.parallelism()), r.budgetBytes(), r.node(), r.runId(), r.buildArgs(), r.tags(),
                r.target(), r.smokeTest(), work, "plain");
        try {
            return new StackBuild(settings, runner, cacheRoot(r), history, listener, AGENT_FACTS)
                    .run(plan, stack.defaults().cacheBudgetBytes());
        } finally {
            deleteTree(work);
        }
    }

    static PlanOptions options(ServiceJobRequest r) {
        CacheMountPolicy mounts = r.cacheMounts() == null || r.cacheMounts().isBlank() ? null
                : switch (r.cacheMounts().toLowerCase(Locale.ROOT)) {
                    case "keep" -> CacheMountPolicy.KEEP;
                    case "drop" -> CacheMountPolicy.DROP;
                    default -> throw MorganException.of("cacheMounts must be keep or drop, not '" + r.cacheMounts() + "'",
                            "use cacheMounts: 'keep' or 'drop'");
                };
        return PlanOptions.defaults(cacheRoot(r).root()).withNoCache(r.noCache()).withNightly(r.nightly())
                .withMountPolicy(mounts).withLabels(blankToDefault(r.gpuLabel(), PlanOptions.GPU_LABEL),
                        blankToDefault(r.cpuLabel(), PlanOptions.CPU_LABEL));
    }

    static CacheRoot cacheRoot(ServiceJobRequest r) {
        return new CacheRoot(r.cacheRoot() != null && !r.cacheRoot().isBlank() ? Path.of(r.cacheRoot())
                : CacheRoot.defaultRoot(System.getenv()));
    }

    private static Backend backend(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("auto")) {
            return null;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "buildx" -> Backend.BUILDX;
            case "builtin" -> Backend.BUILTIN;
            default -> throw MorganException.of("unknown back end '" + name + "'", "use buildx, builtin or auto");
        };
    }

    private static String blankToDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v;
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // scratch only
                }
            });
        } catch (IOException ignored) {
            // scratch only
        }
    }
}
