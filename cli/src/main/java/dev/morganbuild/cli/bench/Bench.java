package dev.morganbuild.cli.bench;

import dev.morganbuild.cli.bench.BenchBuilds.Mode;
import dev.morganbuild.cli.bench.BenchBuilds.MorganRun;
import dev.morganbuild.engine.record.BuildRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The end-to-end benchmark's scenarios. Every figure is the ratio of two medians measured in this run,
 * repetitions interleaved and their order alternated (A B, B A, ...), so drift on a shared machine
 * falls on both sides alike.
 */
final class Bench {
    /** The scenarios, in the order they run. */
    static final List<String> SCENARIOS = List.of("warm", "process", "code", "cold", "nightly", "deps", "parallel",
            "context", "newagent");

    private final BenchStack stack;
    private final BenchBuilds builds;
    private final BenchReport report;
    private final PrintStream log;
    private final int reps;
    private final String service;
    private final String aptPackage;
    private final int parallelism;
    private boolean smoke;
    private NewAgentBench newAgent;
    private NewAgentBench.Setup newAgentSetup;
    private final Map<String, List<Long>> coldMorgan = new LinkedHashMap<>();

    Bench(BenchStack stack, BenchBuilds builds, BenchReport report, PrintStream log, int reps, String service,
          String aptPackage, int parallelism) {
        this.stack = stack;
        this.builds = builds;
        this.report = report;
        this.log = log;
        this.reps = reps;
        this.service = service;
        this.aptPackage = aptPackage;
        this.parallelism = parallelism;
    }

    /** Smoke mode: the parallel scenario builds two services only, newagent one; the point is that they work. */
    Bench smoke(boolean value) {
        smoke = value;
        return this;
    }

    /** Where the newagent scenario runs (its registry and second engine), if it is chosen. */
    Bench newAgent(NewAgentBench scenario, NewAgentBench.Setup setup) {
        newAgent = scenario;
        newAgentSetup = setup;
        return this;
    }

    void run(Set<String> scenarios) throws IOException, InterruptedException {
        List<String> all = stack.serviceNames();
        log.println("bench: preparing (building every service twice, so the layer cache is warm)");
        builds.morgan(stack.composeFile(), all, Mode.WARM, 1);
        checkWarm(builds.morgan(stack.composeFile(), all, Mode.WARM, 1), "preparation");
        if (scenarios.contains("warm")) {
            warm(all);
        }
        if (scenarios.contains("process")) {
            process();
        }
        if (scenarios.contains("code") || scenarios.contains("cold") || scenarios.contains("nightly")) {
            codeColdNightly(scenarios);
        }
        if (scenarios.contains("deps")) {
            dependencyChange();
        }
        if (scenarios.contains("parallel")) {
            parallel(smoke ? all.subList(0, Math.min(2, all.size())) : all);
        }
        if (scenarios.contains("context")) {
            context();
        }
        if (scenarios.contains("newagent")) {
            // smoke: the single-service scenarios' service only; the point is that it works
            newAgent.run(newAgentSetup, smoke ? List.of(service) : all, reps);
        }
    }

    /** Warm, nothing changed: per service and the whole stack, morgan-build vs the raw argv. */
    private void warm(List<String> all) throws IOException, InterruptedException {
        List<MorganRun> runs = new ArrayList<>();
        for (String s : all) {
            List<Long> m = new ArrayList<>();
            List<Long> r = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                if (i % 2 == 1) {
                    r.add(builds.raw(List.of(s), Mode.WARM, false));
                }
                MorganRun run = checkWarm(builds.morgan(stack.composeFile(), List.of(s), Mode.WARM, 1), "warm " + s);
                runs.add(run);
                m.add(run.millis());
                if (i % 2 == 0) {
                    r.add(builds.raw(List.of(s), Mode.WARM, false));
                }
            }
            add(Figure.time("warm, no change, " + s + ": morgan-build / raw docker", "morgan", m, "raw", r, "<= 1.03"));
        }
        report.note(String.format(Locale.ROOT, "where a warm single-service morgan-build call spends its time "
                + "(medians over %d calls): docker build process %.0f ms, engine probes (docker version, "
                + "docker buildx version, docker network inspect; kept for a minute by a long-lived caller) %.0f ms, "
                + "in the JVM (cache lock, budget check, ledger, progress parsing, fsynced history append) %.0f ms",
                runs.size(),
                Figure.median(runs.stream().map(MorganRun::buildMillis).toList()),
                Figure.median(runs.stream().map(MorganRun::factsMillis).toList()),
                Figure.median(runs.stream().map(MorganRun::inJvmMillis).toList())));
        List<Long> m = new ArrayList<>();
        List<Long> probing = new ArrayList<>();
        List<Long> r = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            if (i % 2 == 1) {
                r.add(builds.raw(all, Mode.WARM, false));
            }
            m.add(checkWarm(builds.morgan(stack.composeFile(), all, Mode.WARM, 1), "warm stack").millis());
            builds.reuseFacts(false);
            probing.add(checkWarm(builds.morgan(stack.composeFile(), all, Mode.WARM, 1), "warm stack").millis());
            builds.reuseFacts(true);
            if (i % 2 == 0) {
                r.add(builds.raw(all, Mode.WARM, false));
            }
        }
        add(Figure.time("warm, no change, whole stack (" + all.size() + " services, one at a time): "
                + "morgan-build / raw docker", "morgan", m, "raw", r, "<= 1.03"));
        add(Figure.time("the same, engine probed on every call (one-shot CLI, JVM start not counted): "
                + "morgan-build / raw docker", "morgan", probing, "raw", r, "<= 1.03"));
    }

    /**
     * Warm, nothing changed, as a user feels it: the whole {@code bin/morgan build SERVICE -q} process,
     * JVM start included, against the raw {@code docker build} of the same argv as its own process.
     */
    private void process() throws IOException, InterruptedException {
        List<String> one = List.of(service);
        checkWarm(builds.morgan(stack.composeFile(), one, Mode.WARM, 1), "process preparation"); // raw argv known
        builds.cli(stack.composeFile(), service); // the first call after a new jar makes the CDS archive
        List<Long> m = new ArrayList<>();
        List<Long> r = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            if (i % 2 == 1) {
                r.add(builds.raw(one, Mode.WARM, false));
            }
            m.add(builds.cli(stack.composeFile(), service));
            if (i % 2 == 0) {
                r.add(builds.raw(one, Mode.WARM, false));
            }
        }
        Figure f = Figure.time("warm, no change, " + service + ", whole process (JVM start included): "
                + "bin/morgan build -q / raw docker build", "bin/morgan", m, "raw", r, "extra <= 250 ms");
        add(f);
        report.note(String.format(Locale.ROOT, "whole process, warm, %s: bin/morgan takes %.0f ms more than the raw "
                + "docker build (goal: at most 250 ms); `morgan build %s -q --timings` shows the phases: %s",
                service, f.extraMillis(), service, builds.cliTimings(stack.composeFile(), service)));
    }

    /** Code change vs cold build of one service, and nightly vs cold, each through morgan-build and raw. */
    private void codeColdNightly(Set<String> scenarios) throws IOException, InterruptedException {
        List<String> one = List.of(service);
        Map<String, List<Long>> t = new LinkedHashMap<>();
        for (String k : List.of("code-m", "code-r", "cold-m", "cold-r", "nightly-m", "nightly-r")) {
            t.put(k, new ArrayList<>());
        }
        int edit = 0;
        for (int i = 0; i < reps; i++) {
            boolean morganFirst = i % 2 == 0;
            for (int side = 0; side < 2; side++) {
                boolean morgan = (side == 0) == morganFirst;
                // cold: no layer cache and empty cache mounts (--no-cache, which on this engine starts every
                // cache mount empty), as on a new agent
                t.get(morgan ? "cold-m" : "cold-r").add(morgan
                        ? builds.morgan(stack.composeFile(), one, Mode.COLD, 1).millis() : builds.raw(one, Mode.COLD, false));
                if (scenarios.contains("nightly")) {
                    t.get(morgan ? "nightly-m" : "nightly-r").add(morgan
                            ? builds.morgan(stack.composeFile(), one, Mode.NIGHTLY, 1).millis() : builds.raw(one, Mode.NIGHTLY, false));
                }
                if (scenarios.contains("code")) {
                    stack.codeChange(service, ++edit);
                    t.get(morgan ? "code-m" : "code-r").add(morgan
                            ? builds.morgan(stack.composeFile(), one, Mode.WARM, 1).millis() : builds.raw(one, Mode.WARM, false));
                }
            }
        }
        coldMorgan.put(service, t.get("cold-m"));
        if (scenarios.contains("code")) {
            add(Figure.time("code change, " + service + ": cold / code-change build (morgan-build)",
                    "cold", t.get("cold-m"), "code change", t.get("code-m"), ">= 10"));
            add(Figure.time("code change, " + service + ": cold / code-change build (raw docker)",
                    "cold", t.get("cold-r"), "code change", t.get("code-r"), ">= 10"));
        }
        if (scenarios.contains("nightly")) {
            add(Figure.time("nightly (no layer cache, mounts kept) / cold, " + service + " (morgan-build)",
                    "nightly", t.get("nightly-m"), "cold", t.get("cold-m"), null));
            add(Figure.time("nightly (no layer cache, mounts kept) / cold, " + service + " (raw docker)",
                    "nightly", t.get("nightly-r"), "cold", t.get("cold-r"), null));
        }
        if (scenarios.contains("cold")) {
            add(Figure.time("cold, " + service + ": morgan-build / raw docker", "morgan", t.get("cold-m"),
                    "raw", t.get("cold-r"), null));
        }
    }

    /**
     * One more apt package: the Dockerfile as written (apt and pip cache mounts) against the same
     * Dockerfile stripped of its cache mounts, the seed's "before".
     */
    private void dependencyChange() throws IOException, InterruptedException {
        List<String> one = List.of(service);
        Map<String, List<Long>> t = new LinkedHashMap<>();
        for (String k : List.of("with-m", "with-r", "without-m", "without-r", "apt-with", "apt-without")) {
            t.put(k, new ArrayList<>());
        }
        try {
            for (int i = 0; i < reps; i++) {
                for (boolean mounts : i % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    stack.withoutCacheMounts(!mounts);
                    String key = mounts ? "with" : "without";
                    stack.dependencyChange(service, aptPackage, nonce());
                    MorganRun run = builds.morgan(stack.composeFile(), one, Mode.WARM, 1);
                    t.get(key + "-m").add(run.millis());
                    run.records().get(0).steps().stream().filter(st -> st.name().contains("apt-get install"))
                            .findFirst().ifPresent(st -> t.get("apt-" + key).add(st.durationMillis()));
                    stack.withoutCacheMounts(!mounts);
                    stack.dependencyChange(service, aptPackage, nonce());
                    t.get(key + "-r").add(builds.raw(one, Mode.WARM, false));
                }
            }
        } finally {
            stack.restoreDockerfile(service);
        }
        add(Figure.time("dependency change (+" + aptPackage + "), " + service
                + ": without / with cache mounts (morgan-build)", "no mounts", t.get("without-m"),
                "cache mounts", t.get("with-m"), ">= 2"));
        add(Figure.time("dependency change (+" + aptPackage + "), " + service
                + ": without / with cache mounts (raw docker)", "no mounts", t.get("without-r"),
                "cache mounts", t.get("with-r"), ">= 2"));
        if (!t.get("apt-with").isEmpty() && !t.get("apt-without").isEmpty()) {
            report.note(String.format(Locale.ROOT, "dependency change, %s (morgan-build records, medians): the apt "
                    + "step took %.1f s with cache mounts and %.1f s without; the whole build %.1f s and %.1f s, so "
                    + "the steps the change re-runs after it (venv, pip, compileall) and the image export take the "
                    + "rest in both", service, Figure.median(t.get("apt-with")) / 1000,
                    Figure.median(t.get("apt-without")) / 1000, Figure.median(t.get("with-m")) / 1000,
                    Figure.median(t.get("without-m")) / 1000));
        }
    }

    /** Every service rebuilt (nightly: no layer cache, mounts kept) at once vs one after another. */
    private void parallel(List<String> all) throws IOException, InterruptedException {
        Map<String, List<Long>> t = new LinkedHashMap<>();
        for (String k : List.of("par-m", "seq-m", "par-r", "seq-r")) {
            t.put(k, new ArrayList<>());
        }
        Map<Boolean, List<Long>> busy = Map.of(true, new ArrayList<>(), false, new ArrayList<>());
        for (int i = 0; i < reps; i++) {
            boolean parFirst = i % 2 == 0;
            for (boolean par : new boolean[] {parFirst, !parFirst}) {
                CpuMeter cpu = CpuMeter.start();
                t.get(par ? "par-m" : "seq-m").add(
                        builds.morgan(stack.composeFile(), all, Mode.NIGHTLY, par ? parallelism : 1).millis());
                t.get(par ? "par-r" : "seq-r").add(builds.raw(all, Mode.NIGHTLY, par));
                if (cpu != null) {
                    busy.get(par).add(Math.round(cpu.coresBusy() * 100));
                }
            }
        }
        if (!busy.get(true).isEmpty()) {
            report.note(String.format(Locale.ROOT, "parallel scenario: the machine's cores were busy %.2f of %d "
                    + "on average while the services built at once, %.2f while they built one after another "
                    + "(medians, from /proc/stat): the nightly builds are CPU-bound (dpkg, Python), so on %d cores "
                    + "running them at once can save at most what one-at-a-time leaves idle",
                    Figure.median(busy.get(true)) / 100, Runtime.getRuntime().availableProcessors(),
                    Figure.median(busy.get(false)) / 100, Runtime.getRuntime().availableProcessors()));
        }
        report.note("parallel scenario: morgan-build follows the plan's order (depends_on and shared base stages: "
                + "`morgan plan` shows the waves); the raw side starts every build at once");
        add(Figure.time("all " + all.size() + " services at once / one after another (morgan-build, --parallel "
                + parallelism + ", nightly builds)", "parallel", t.get("par-m"), "sequential", t.get("seq-m"), "<= 0.6"));
        add(Figure.time("all " + all.size() + " services at once / one after another (raw docker, nightly argv)",
                "parallel", t.get("par-r"), "sequential", t.get("seq-r"), "<= 0.6"));
    }

    /**
     * Build context bytes with and without the stack's .dockerignore: what the service's own build
     * transferred (BuildKit sends only the paths its COPY lines name) and what a {@code COPY . /} build,
     * or the legacy builder, sends.
     */
    private void context() throws IOException, InterruptedException {
        long with = contextBytes();
        long wholeWith = builds.wholeContextBytes(stack.root());
        stack.dockerignore(false);
        long without;
        long wholeWithout;
        try {
            without = contextBytes();
            wholeWithout = builds.wholeContextBytes(stack.root());
        } finally {
            stack.dockerignore(true);
        }
        add(Figure.size("build context sent for " + service + "'s build: with / without .dockerignore",
                "with", with, "without", without));
        add(Figure.size("whole build context (COPY . or legacy builder): with / without .dockerignore",
                "with", wholeWith, "without", wholeWithout));
    }

    private long contextBytes() throws IOException, InterruptedException {
        BuildRecord r = builds.morgan(stack.composeFile(), List.of(service), Mode.WARM, 1).records().get(0);
        return r.contextBytes();
    }

    private MorganRun checkWarm(MorganRun run, String what) {
        for (BuildRecord r : run.records()) {
            if (r.stepsCached() < r.stepsTotal()) {
                report.note(String.format(Locale.ROOT, "%s: %s had %d of %d steps cached (expected all)", what,
                        r.service(), r.stepsCached(), r.stepsTotal()));
            }
        }
        return run;
    }

    private void add(Figure f) {
        report.add(f);
        log.printf(Locale.ROOT, "bench: %-80s %.2f%n", f.name(), f.ratio());
    }

    private static String nonce() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
