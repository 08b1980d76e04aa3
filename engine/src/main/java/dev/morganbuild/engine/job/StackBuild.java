package dev.morganbuild.engine.job;

import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.buildkit.HostProbe;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.exec.Background;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds the services of a {@link Plan}, up to {@code parallelism} at once, each after the services
 * it must follow. Every finished service's record is appended to the history at once, so a failure
 * in one service never loses the records of the others; services after a failed one are not built.
 */
public final class StackBuild {
    private final BuildSettings settings;
    private final CommandRunner runner;
    private final CacheRoot cacheRoot;
    private final HistoryStore history;
    private final BuildListener listener;
    private final FactsCache facts;

    /** @param history where records go; null to keep them only in the result */
    public StackBuild(BuildSettings settings, CommandRunner runner, CacheRoot cacheRoot, HistoryStore history,
                      BuildListener listener) {
        this(settings, runner, cacheRoot, history, listener, FactsCache.none());
    }

    /**
     * @param history where records go; null to keep them only in the result
     * @param facts   engine facts a long-lived caller keeps between runs
     */
    public StackBuild(BuildSettings settings, CommandRunner runner, CacheRoot cacheRoot, HistoryStore history,
                      BuildListener listener, FactsCache facts) {
        this.facts = facts;
        this.settings = settings;
        this.runner = runner;
        this.cacheRoot = cacheRoot;
        this.history = history;
        this.listener = listener == null ? BuildListener.NONE : listener;
    }

    public StackBuildResult run(Plan plan, Long stackBudgetBytes) throws InterruptedException, IOException {
        List<String> factsKey = List.of(settings.dockerExecutable(), new java.util.TreeMap<>(settings.env()).toString(),
                String.valueOf(settings.backend()), String.valueOf(settings.network()));
        FactsCache.Facts engine = facts.get(factsKey, () -> {
            // independent probes, run at once: what a one-shot CLI call waits for before its build
            Background<String> network = settings.network() != null ? null
                    : Background.start("morgan-probe-network", () -> EngineFacts.defaultNetwork(runner, settings));
            Backend chosen;
            try {
                chosen = settings.backend() != null ? settings.backend()
                        : HostProbe.probe(runner, settings.dockerExecutable(), settings.env()).choose(null);
            } catch (RuntimeException | InterruptedException e) {
                if (network != null) {
                    network.cancel();
                }
                throw e;
            }
            return new FactsCache.Facts(chosen, network == null ? settings.network() : await(network));
        });
        Backend backend = engine.backend();
        String network = engine.network();
        Path projectDir = plan.composeFile().getParent();
        String commit = EngineFacts.gitCommit(projectDir);
        String project = projectDir.getFileName() == null ? "morgan" : projectDir.getFileName().toString();
        Long budget = settings.cacheBudgetBytes() != null ? settings.cacheBudgetBytes() : stackBudgetBytes;
        CacheGuard guard = new CacheGuard(cacheRoot, budget, owner(), listener);
        if (budget != null && !plan.services().isEmpty()) {
            // BuildKit's layer cache and cache mounts live in the engine: bound them too, before building
            String first = plan.services().get(0).name();
            EnginePrune.run(runner, settings, backend, budget).ifPresent(m -> listener.message(first, m));
        }
        ServiceBuild builder = new ServiceBuild(settings, backend, network, runner, listener, commit, project);
        SmokeTest smoke = new SmokeTest(settings, runner, listener, network);

        List<BuildRecord> records = new ArrayList<>();
        Map<String, BuildRecord> done = new HashMap<>();
        Map<String, PlannedService> pending = new LinkedHashMap<>();
        plan.services().forEach(s -> pending.put(s.name(), s));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(settings.parallelism(), plan.services().size())), r -> {
            Thread t = new Thread(r, "morgan-build");
            t.setDaemon(true);
            return t;
        });
        CompletionService<BuildRecord> completion = new ExecutorCompletionService<>(pool);
        List<Future<BuildRecord>> running = new ArrayList<>();
        try {
            while (!pending.isEmpty() || !running.isEmpty()) {
                for (PlannedService s : List.copyOf(pending.values())) {
                    if (!done.keySet().containsAll(s.after())) {
                        continue;
                    }
                    pending.remove(s.name());
                    String failed = s.after().stream().filter(a -> !done.get(a).succeeded()).findFirst().orElse(null);
                    if (failed != null) {
                        BuildRecord skipped = skipped(s, failed);
                        finish(s, skipped, records, done);
                        continue;
                    }
                    running.add(completion.submit(() -> {
                        listener.serviceStarted(s);
                        BuildRecord r = guard.around(s, () -> builder.run(s));
                        return r.succeeded() ? smoke.check(s, r) : r;
                    }));
                }
                if (running.isEmpty()) {
                    continue;
                }
                Future<BuildRecord> f = completion.take();
                running.remove(f);
                BuildRecord r = get(f);
                finish(plan.service(r.service()).orElseThrow(), r, records, done);
            }
        } finally {
            pool.shutdownNow();
            if (!records.stream().allMatch(BuildRecord::succeeded) || records.size() < plan.services().size()) {
                facts.forget(factsKey);
            }
        }
        return new StackBuildResult(settings.runId(), backend, records);
    }

    private void finish(PlannedService s, BuildRecord r, List<BuildRecord> records, Map<String, BuildRecord> done)
            throws IOException {
        records.add(r);
        done.put(s.name(), r);
        if (history != null) {
            history.append(r);
        }
        listener.serviceFinished(s, r);
    }

    private static String await(Background<String> probe) throws InterruptedException {
        try {
            return probe.await();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private static BuildRecord get(Future<BuildRecord> f) throws InterruptedException, IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof InterruptedException ie) {
                throw ie;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        }
    }

    private BuildRecord skipped(PlannedService s, String failedDependency) {
        return new BuildRecord(BuildRecord.SCHEMA, UUID.randomUUID().toString(), settings.runId(), s.name(),
                s.service().build().tags(), null, null, Instant.now(), 0, List.of(), 0, 0, null, s.nightly(), null,
                settings.node(), null, BuildStatus.ABORTED, -1, -1, false, null, List.of(),
                "not built: " + failedDependency + " failed");
    }

    private String owner() {
        return settings.node() + " run " + settings.runId() + " pid " + ProcessHandle.current().pid();
    }

    /** Runs a command and ignores its output; for engine facts. */
    static int quietly(CommandRunner runner, Command c) {
        try {
            return runner.run(c, line -> { });
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
