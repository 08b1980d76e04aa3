package dev.morganbuild.cli.bench;

import dev.morganbuild.engine.buildkit.ProgressListener;
import dev.morganbuild.engine.buildkit.ProgressParser;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.exec.LineSink;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.job.BuildSettings;
import dev.morganbuild.engine.job.FactsCache;
import dev.morganbuild.engine.job.StackBuild;
import dev.morganbuild.engine.job.StackBuildResult;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlanOptions;
import dev.morganbuild.engine.plan.Planner;
import dev.morganbuild.engine.plan.Selection;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.CacheMountPolicy;
import dev.morganbuild.engine.stack.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the benchmark's builds two ways: through morgan-build (the engine's {@link StackBuild}, in this
 * JVM, with progress parsing, cache locks and history appends, as the Jenkins step runs it) and as the
 * raw {@code docker build} argv that morgan-build itself produced for the same build, with its output
 * discarded, which is the least a hand-written script could cost.
 */
final class BenchBuilds {
    /** How a build treats the layer cache. */
    enum Mode { WARM, COLD, NIGHTLY }

    private final String docker;
    private final Map<String, String> env;
    private final Path work;
    private final CacheRoot cacheRoot;
    private final HistoryStore history;
    private final Map<String, Command> lastArgv = new ConcurrentHashMap<>();
    private final FactsCache reused = FactsCache.reuseFor(Duration.ofMinutes(1));
    private boolean reuseFacts = true;

    BenchBuilds(String docker, Map<String, String> env, Path work) {
        this.docker = docker;
        this.env = Map.copyOf(env);
        this.work = work;
        this.cacheRoot = new CacheRoot(work.resolve("cache"));
        this.history = new HistoryStore(work.resolve("history"));
    }

    /**
     * A finished morgan-build run.
     *
     * @param millis      wall time of the whole call
     * @param records     the records of its services
     * @param buildMillis time spent in docker build processes
     * @param factsMillis time spent in the other commands it ran (engine probes)
     */
    record MorganRun(long millis, List<BuildRecord> records, long buildMillis, long factsMillis) {
        /** What morgan-build spent outside any process it ran: locks, budget, ledger, parsing, records. */
        long inJvmMillis() {
            return millis - buildMillis - factsMillis;
        }
    }

    /**
     * Whether morgan-build calls reuse what they learnt about the engine for a minute, as a long-lived
     * process (a Jenkins agent) does; false probes before every call, as a one-shot CLI call does.
     */
    void reuseFacts(boolean value) {
        reuseFacts = value;
    }

    /**
     * Bytes BuildKit transfers for a Dockerfile that copies the whole context ({@code COPY . /}), i.e.
     * everything the context's .dockerignore lets through; the image is thrown away.
     */
    long wholeContextBytes(Path context) throws IOException, InterruptedException {
        Path dockerfile = work.resolve("context-probe/Dockerfile");
        Files.createDirectories(dockerfile.getParent());
        Files.writeString(dockerfile, "FROM scratch\nCOPY . /context\n", StandardCharsets.UTF_8);
        ProgressParser parser = ProgressParser.forMode("plain", new ProgressListener() { });
        Command c = Command.of(List.of(docker, "build", "--progress=plain", "-f", dockerfile.toString(),
                "-o", "type=tar,dest=/dev/null", context.toString())).withEnv(env);
        check(c, new LocalCommandRunner().run(c, parser));
        return parser.contextBytes();
    }

    /** Builds {@code services} of {@code stack} through morgan-build and times the whole call. */
    MorganRun morgan(Stack stack, List<String> services, Mode mode, int parallelism)
            throws IOException, InterruptedException {
        PlanOptions options = PlanOptions.defaults(cacheRoot.root())
                .withNoCache(mode == Mode.COLD)
                .withNightly(mode == Mode.NIGHTLY)
                .withMountPolicy(mode == Mode.COLD ? CacheMountPolicy.DROP : CacheMountPolicy.KEEP);
        Plan plan = Planner.standard().plan(stack, Selection.named(services), options);
        String runId = UUID.randomUUID().toString().substring(0, 8);
        BuildSettings settings = new BuildSettings(docker, null, "morgan", env, null, parallelism, null,
                "bench", runId, Map.of(), List.of(), null, false, work.resolve("scratch"), "plain");
        long[] spent = new long[2];
        long t0 = System.nanoTime();
        StackBuildResult result = new StackBuild(settings, recording(mode, spent), cacheRoot, history, null,
                reuseFacts ? reused : FactsCache.none())
                .run(plan, stack.defaults().cacheBudgetBytes());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        for (BuildRecord r : result.records()) {
            if (!r.succeeded()) {
                throw new IllegalStateException("benchmark build of " + r.service() + " failed: " + r.error());
            }
        }
        return new MorganRun(millis, result.records(), spent[0] / 1_000_000, spent[1] / 1_000_000);
    }

    /**
     * Runs again, without morgan-build, the docker argv that morgan-build last ran for each service in
     * this mode ({@code concurrently}: all at once, else one after another), and returns the wall time. A nightly
     * argv gets a fresh value of its cache-busting build arg, so it rebuilds as a nightly build does.
     */
    long raw(List<String> services, Mode mode, boolean concurrently) throws IOException, InterruptedException {
        List<Command> commands = new ArrayList<>();
        for (String s : services) {
            Command c = lastArgv.get(mode + ":" + s);
            if (c == null) {
                throw new IllegalStateException("no " + mode + " morgan-build argv recorded yet for " + s);
            }
            commands.add(freshNightlyId(c));
        }
        long t0 = System.nanoTime();
        if (concurrently) {
            List<Process> running = new ArrayList<>();
            for (Command c : commands) {
                running.add(start(c));
            }
            for (int i = 0; i < running.size(); i++) {
                check(commands.get(i), running.get(i).waitFor());
            }
        } else {
            for (Command c : commands) {
                check(c, start(c).waitFor());
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The docker argv morgan-build last ran for the service in this mode, or null. */
    Command lastArgv(String service, Mode mode) {
        return lastArgv.get(mode + ":" + service);
    }

    private static Process start(Command c) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(c.argv())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(c.env());
        if (c.workDir() != null) {
            pb.directory(c.workDir().toFile());
        }
        return pb.start();
    }

    private static void check(Command c, int exit) {
        if (exit != 0) {
            throw new IllegalStateException("raw docker build failed with exit " + exit + ": " + c.display());
        }
    }

    private static Command freshNightlyId(Command c) {
        List<String> argv = new ArrayList<>(c.argv());
        argv.replaceAll(a -> a.startsWith("MORGAN_NIGHTLY_ID=") ? "MORGAN_NIGHTLY_ID=raw-" + UUID.randomUUID() : a);
        return new Command(argv, c.env(), c.workDir(), c.stdin(), c.secrets());
    }

    /** A local runner that remembers the last build argv per mode and service (found by its iid file's folder). */
    private CommandRunner recording(Mode mode, long[] spentNanos) {
        LocalCommandRunner local = new LocalCommandRunner();
        return (Command command, LineSink sink) -> {
            int i = command.argv().indexOf("--iidfile");
            boolean build = i > 0 && i + 1 < command.argv().size();
            if (build) {
                Path iid = Path.of(command.argv().get(i + 1));
                lastArgv.put(mode + ":" + iid.getParent().getFileName(), command);
            }
            long t0 = System.nanoTime();
            try {
                return local.run(command, sink);
            } finally {
                synchronized (spentNanos) {
                    spentNanos[build ? 0 : 1] += System.nanoTime() - t0;
                }
            }
        };
    }
}
