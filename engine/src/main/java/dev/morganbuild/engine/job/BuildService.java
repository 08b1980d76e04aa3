package dev.morganbuild.engine.job;

import dev.morganbuild.engine.buildkit.ArgvRenderer;
import dev.morganbuild.engine.buildkit.BuildRequest;
import dev.morganbuild.engine.buildkit.DockerClients;
import dev.morganbuild.engine.buildkit.EngineFacts;
import dev.morganbuild.engine.buildkit.ProgressParser;
import dev.morganbuild.engine.buildkit.EngineIdentity;
import dev.morganbuild.engine.buildkit.FactsCache;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.cache.DirectorySize;
import dev.morganbuild.engine.dockerfile.DockerfileInfo;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlanOptions;
import dev.morganbuild.engine.plan.Planner;
import dev.morganbuild.engine.stack.ComposeParser;
import dev.morganbuild.engine.stack.ProjectOptions;
import dev.morganbuild.engine.stack.Stack;
import dev.morganbuild.engine.text.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's front door: plans and builds what a {@link StackRequest} asks for. The CLI, the
 * Jenkins agent and the benchmark all come in here.
 */
public final class BuildService {
    /** Engine facts shared by every long-lived service of this JVM (a Jenkins agent's parallel branches). */
    private static final FactsCache LONG_LIVED_FACTS = FactsCache.reuseFor(Duration.ofMinutes(1));

    private final CommandRunner runner;
    private final FactsCache facts;

    private BuildService(CommandRunner runner, FactsCache facts) {
        this.runner = runner;
        this.facts = facts;
    }

    /**
     * How long a one-shot caller (the CLI) trusts engine facts another call probed, kept in the cache
     * root; a new docker client, a restarted engine or a failed build probes again sooner.
     */
    static final Duration LOCAL_FACTS_TTL = Duration.ofMinutes(5);

    /** Runs docker on this machine; engine facts probed by a recent call are reused (a one-shot CLI call). */
    public static BuildService local() {
        return new BuildService(new LocalCommandRunner(), FactsCache.onDisk(LOCAL_FACTS_TTL));
    }

    /** Runs docker through {@code runner}; probes the engine before every build. */
    public static BuildService with(CommandRunner runner) {
        return new BuildService(runner, FactsCache.none());
    }

    /** With a facts cache of the caller's (tests). */
    static BuildService with(CommandRunner runner, FactsCache facts) {
        return new BuildService(runner, facts);
    }

    /**
     * For a process that builds again and again (a Jenkins agent, a benchmark): what the engine offers is
     * asked once a minute at most, and again after a failed build.
     */
    public static BuildService longLived(CommandRunner runner) {
        return new BuildService(runner, LONG_LIVED_FACTS);
    }

    /** Reads the compose project the request names. */
    public Stack stack(StackRequest r) {
        return ComposeParser.parse(new ProjectOptions(r.workingDir(), r.composeFiles(), r.projectDirectory(),
                r.envFiles(), r.profiles(), r.trustRoot(), r.env()));
    }

    /**
     * The images {@code services}' Dockerfiles start a stage from (build args applied, {@code scratch}
     * left out), in order, each once: what an engine needs before it can build them.
     */
    public static List<String> baseImages(Stack stack, List<String> services) {
        java.util.Set<String> images = new java.util.LinkedHashSet<>();
        for (String s : services) {
            var spec = stack.service(s).build();
            if (spec.dockerfile() == null) {
                continue; // in a remote context: BuildKit fetches it, its base images are not known here
            }
            for (DockerfileInfo.Stage st : DockerfileInfo.parse(spec.dockerfile(), spec.args()).stages()) {
                if (st.image() != null && !st.image().equals("scratch")) {
                    images.add(st.image());
                }
            }
        }
        return List.copyOf(images);
    }

    /** Reads the compose project and plans the selected services. */
    public Plan plan(StackRequest r) {
        return plan(stack(r), r);
    }

    private static Plan plan(Stack stack, StackRequest r) {
        PlanOptions options = PlanOptions.defaults(r.cacheRoot()).withNoCache(r.noCache()).withNightly(r.nightly())
                .withMountPolicy(r.cacheMounts()).withLabels(r.gpuLabel(), r.cpuLabel());
        return Planner.standard().plan(stack, r.selection(), options);
    }

    /** The docker client a build of {@code r} would run (probed as a build probes it). */
    public String dockerClient(StackRequest r) throws InterruptedException {
        return DockerClients.find(runner, r.docker(), dockerEnv(r), r.backend());
    }

    /**
     * Bytes BuildKit transfers as the build context of {@code context} (what its .dockerignore lets
     * through), measured by building {@code probeDockerfile}, which should copy the whole context; the
     * image is thrown away.
     */
    public long contextBytes(String docker, Map<String, String> env, Path probeDockerfile, Path context)
            throws IOException, InterruptedException {
        ProgressParser parser = ProgressParser.forMode("plain", null);
        Command c = Command.of(List.of(docker, "build", "--progress=plain", "-f", probeDockerfile.toString(),
                "-o", "type=tar,dest=/dev/null", context.toString())).withEnv(env);
        int exit = runner.run(c, parser);
        if (exit != 0) {
            throw new IOException("context probe failed with exit " + exit + ": " + c.display());
        }
        return parser.contextBytes();
    }

    /** A --target every planned service's Dockerfile must have, checked before anything is built. */
    private static void checkTarget(Plan plan, String target) {
        if (target == null) {
            return;
        }
        for (var s : plan.services()) {
            var spec = s.service().build();
            if (spec.dockerfile() == null) {
                continue; // in a remote context: BuildKit itself says whether the stage exists
            }
            DockerfileInfo info = DockerfileInfo.parse(spec.dockerfile(), spec.args());
            if (!info.hasStage(target)) {
                throw new dev.morganbuild.engine.MorganException(spec.dockerfile().toString(), 0, 0,
                        "target '" + target + "' (--target) is not a stage of the Dockerfile of " + s.name(),
                        info.stageNames().isEmpty() ? "the Dockerfile has no named stages: build without --target"
                                : "its stages are: " + String.join(", ", info.stageNames())
                                + "; select only services that have that stage");
            }
        }
    }

    private static Map<String, String> dockerEnv(StackRequest r) {
        Map<String, String> env = new LinkedHashMap<>(r.env());
        env.put("DOCKER_BUILDKIT", "1");
        return env;
    }

    /**
     * The environment docker runs with in this build: with registry logins, a private DOCKER_CONFIG in
     * the build's scratch folder (deleted with it). Engine facts are probed and keyed without it: it
     * changes credentials only.
     */
    private static Map<String, String> withLogins(StackRequest r, Map<String, String> env, Path work) throws IOException {
        if (r.registryLogins().isEmpty()) {
            return env;
        }
        Map<String, String> with = new LinkedHashMap<>(env);
        // a Jenkins branch's build gets the given logins only, never the agent user's stored ones
        with.put("DOCKER_CONFIG", PrivateDockerConfig.create(work, env, r.registryLogins(), r.limitCompose()).toString());
        return with;
    }

    private static List<String> candidates(StackRequest r, Map<String, String> env) {
        return r.docker() != null ? List.of(r.docker()) : DockerClients.candidates(env);
    }

    /**
     * Builds the planned services and returns every service's record (appended to the request's
     * history as each one finishes).
     *
     * @throws dev.morganbuild.engine.MorganException for bad input, or a host that cannot build
     */
    public StackBuildResult build(StackRequest r, BuildListener listener) throws IOException, InterruptedException {
        return build(prepare(r), listener);
    }

    /**
     * Reads and plans what {@code r} asks for, to show the plan before {@link #build(Prepared, BuildListener)}
     * builds exactly it (the compose project is read once).
     */
    public Prepared prepare(StackRequest r) {
        long t0 = System.nanoTime();
        Stack stack = stack(r);
        long t1 = System.nanoTime();
        Plan plan = plan(stack, r);
        return new Prepared(r, stack, plan, t1 - t0, System.nanoTime() - t1);
    }

    /** A request read and planned: the plan a build of it will follow. */
    public static final class Prepared {
        private final StackRequest request;
        private final Stack stack;
        private final Plan plan;
        private final long parseNanos;
        private final long planNanos;

        private Prepared(StackRequest request, Stack stack, Plan plan, long parseNanos, long planNanos) {
            this.request = request;
            this.stack = stack;
            this.plan = plan;
            this.parseNanos = parseNanos;
            this.planNanos = planNanos;
        }

        public Plan plan() {
            return plan;
        }

        /** The compose project as read. */
        Stack stack() {
            return stack;
        }
    }

    /** Builds a prepared request: its plan, as {@link #build(StackRequest, BuildListener)} does. */
    public StackBuildResult build(Prepared prepared, BuildListener given) throws IOException, InterruptedException {
        BuildListener listener = given == null ? BuildListener.NONE : given;
        StackRequest r = prepared.request;
        Stack stack = prepared.stack;
        Plan plan = prepared.plan;
        listener.phase(null, "parse", prepared.parseNanos);
        listener.phase(null, "plan", prepared.planNanos);
        // the values a front end adds to every service are checked before anything is built: a bad -t is
        // one input error, not a failed service
        ArgvRenderer.check(BuildRequest.builder("every service", r.workingDir(), r.workingDir())
                .buildArgs(r.buildArgs()).tags(r.tags()).target(r.target()).network(r.network()).build());
        if (plan.services().isEmpty()) {
            return new StackBuildResult(r.runId(), null, List.of());
        }
        checkTarget(plan, r.target());
        if (r.limitCompose()) {
            ComposeLimits.check(plan, r.cacheRoot(), stack.composeFile());
        }
        Map<String, String> env = dockerEnv(r);
        List<String> candidates = candidates(r, env);
        long t2 = System.nanoTime();
        String key = EngineIdentity.of(candidates, env, r.backend(), r.network());
        EngineFacts engine = facts.get(key, r.cacheRoot(), candidates,
                () -> EngineFacts.probe(runner, candidates, env, r.backend(), r.network()));
        listener.phase(null, "probe", System.nanoTime() - t2);
        HistoryStore history = r.historyDir() == null ? null : new HistoryStore(r.historyDir());
        Path work = TempFiles.createDirectory("morgan-build-");
        boolean ok = false;
        try {
            BuildRun run = new BuildRun(r, engine, key, withLogins(r, env, work), work);
            Long budget = ComposeLimits.budget(r, stack, listener, plan.services().get(0).name());
            StackBuildResult result = new StackBuild(run, runner, new CacheRoot(r.cacheRoot()), history, listener)
                    .run(plan, budget);
            ok = result.succeeded();
            return result;
        } finally {
            if (!ok) {
                facts.forget(key, r.cacheRoot()); // a changed engine is probed afresh
            }
            DirectorySize.deleteQuietly(work);
        }
    }
}
