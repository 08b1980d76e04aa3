package dev.morganbuild.engine.job;

import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.cache.EnginePrune;
import dev.morganbuild.engine.cache.PruneSchedule;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Builds the services of a {@link Plan}, up to {@code parallelism} at once, each after the services
 * it must follow. Every finished service's record is appended to the history at once, so a failure in
 * one service never loses the records of the others. A failed service stops only the services that
 * depend on it ({@code depends_on}, directly or through others): they get a record with status
 * SKIPPED that says which service failed; a service that only shares a base stage with it still
 * builds. With fail-fast, nothing new starts after the first failure.
 */
final class StackBuild {
    private final BuildRun run;
    private final CommandRunner runner;
    private final CacheRoot cacheRoot;
    private final HistoryStore history;
    private final BuildListener listener;

    /** @param history where records go; null to keep them only in the result */
    StackBuild(BuildRun run, CommandRunner runner, CacheRoot cacheRoot, HistoryStore history, BuildListener listener) {
        this.run = run;
        this.runner = runner;
        this.cacheRoot = cacheRoot;
        this.history = history;
        this.listener = listener;
    }

    StackBuildResult run(Plan plan, Long budget) throws InterruptedException, IOException {
        Path projectDir = plan.composeFile().getParent();
        String commit = GitHead.of(projectDir);
        String project = projectDir.getFileName() == null ? "morgan" : projectDir.getFileName().toString();
        CacheGuard guard = new CacheGuard(cacheRoot, budget, owner(), listener);
        if (budget != null && !plan.services().isEmpty()) {
            // BuildKit's layer cache and cache mounts live in the engine: bound them too, before building
            String first = plan.services().get(0).name();
            // only when a build since the last prune may have grown it: a warm no-change build skips it
            long t0 = System.nanoTime();
            EnginePrune.runIfDue(pruneSchedule(), runner, run.docker(), run.dockerEnv(), run.backend(),
                    run.request().builderName(), budget).ifPresent(m -> listener.message(first, m));
            listener.phase(null, "prune", System.nanoTime() - t0);
        }
        Map<String, String> images = new HashMap<>(); // what a service: additional context hands over
        plan.services().forEach(s -> images.put(s.name(), s.service().build().tags().get(0)));
        ServiceBuild builder = new ServiceBuild(run, runner, listener, commit, project, images);
        SmokeTest smoke = new SmokeTest(run, runner, listener);

        List<BuildRecord> records = new ArrayList<>();
        Map<String, BuildRecord> done = new HashMap<>();
        Map<String, PlannedService> pending = new LinkedHashMap<>();
        plan.services().forEach(s -> pending.put(s.name(), s));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(run.request().parallelism(),
                plan.services().size())), r -> {
            Thread t = new Thread(r, "morgan-build");
            t.setDaemon(true);
            return t;
        });
        CompletionService<BuildRecord> completion = new ExecutorCompletionService<>(pool);
        List<Future<BuildRecord>> running = new ArrayList<>();
        String firstFailure = null;
        try {
            while (!pending.isEmpty() || !running.isEmpty()) {
                for (PlannedService s : List.copyOf(pending.values())) {
                    if (firstFailure != null && run.request().failFast()) {
                        pending.remove(s.name());
                        finish(s, skipped(s, firstFailure + " failed (fail-fast)"), records, done);
                        continue;
                    }
                    if (!done.keySet().containsAll(s.after())) {
                        continue;
                    }
                    pending.remove(s.name());
                    String failed = s.needs().stream().filter(a -> !done.get(a).succeeded()).findFirst().orElse(null);
                    if (failed != null) {
                        finish(s, skipped(s, failed + (done.get(failed).status() == BuildStatus.SKIPPED
                                ? " was skipped" : " failed")), records, done);
                        continue;
                    }
                    running.add(completion.submit(() -> {
                        listener.serviceStarted(s);
                        BuildRecord r = guard.around(s, () -> builder.run(s));
                        long t0 = System.nanoTime();
                        BuildRecord checked = r.succeeded() ? smoke.check(s, r) : r;
                        listener.phase(s.name(), "smoke", System.nanoTime() - t0);
                        return BuildBudget.check(s, checked, listener);
                    }));
                }
                if (running.isEmpty()) {
                    continue;
                }
                Future<BuildRecord> f = completion.take();
                running.remove(f);
                BuildRecord r = get(f);
                if (!r.succeeded() && firstFailure == null) {
                    firstFailure = r.service();
                }
                finish(plan.service(r.service()).orElseThrow(), r, records, done);
            }
        } finally {
            pool.shutdownNow();
            awaitStopped(pool);
            // an interrupted or broken run may have run steps too; a registry-cache build pulls layers
            // even when every step is cached
            boolean cut = records.size() < plan.services().size();
            if (cut || records.stream().anyMatch(r -> mayHaveGrownTheCache(plan, r))) {
                pruneSchedule().grown();
            }
        }
        return new StackBuildResult(run.runId(), run.backend().label(), records);
    }

    private PruneSchedule pruneSchedule() {
        return new PruneSchedule(cacheRoot.root(), run.engineKey());
    }

    /** A build that ran a step (or failed on the way) may have added layers or cache-mount content. */
    private static boolean mayHaveGrownTheCache(Plan plan, BuildRecord r) {
        if (r.status() == BuildStatus.SKIPPED) {
            return false;
        }
        boolean registryCache = plan.service(r.service())
                .map(s -> s.service().settings().registryCacheRef(s.name()) != null).orElse(false);
        return !r.succeeded() || r.stepsCached() < r.stepsTotal() || registryCache;
    }

    /**
     * Waits until every build thread has stopped its docker process and removed its scratch folder:
     * an interrupted caller (SIGINT, a Jenkins abort) may exit right after this returns, and must not
     * leave a docker build running behind it. Bounded by the process runner's own grace period.
     */
    private static void awaitStopped(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            while (!pool.isTerminated() && System.nanoTime() < deadline) {
                try {
                    pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Longer than {@code LocalCommandRunner}'s SIGTERM-to-SIGKILL grace, so a stopped tree is awaited. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(25);

    private void finish(PlannedService s, BuildRecord r, List<BuildRecord> records, Map<String, BuildRecord> done)
            throws IOException {
        records.add(r);
        done.put(s.name(), r);
        if (history != null) {
            long t0 = System.nanoTime();
            history.append(r);
            listener.phase(s.name(), "record", System.nanoTime() - t0);
        }
        listener.serviceFinished(s, r);
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

    private BuildRecord skipped(PlannedService s, String why) {
        return BuildRecord.skipped(run.runId(), s.name(), s.service().build().tags(), s.nightly(), run.node(), why);
    }

    private String owner() {
        return run.node() + " run " + run.runId() + " pid " + ProcessHandle.current().pid();
    }
}
