package dev.morganbuild.cli;

import dev.morganbuild.engine.job.BuildListener;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code morgan build --timings}: adds up where the call spent its time, phase by phase (the JVM's
 * start, then the engine's phases as {@link BuildListener#phase} reports them), and prints one line per
 * phase at the end. Passes every event on to the status printer.
 */
final class PhaseTimings implements BuildListener {
    /** The order phases happen in, for printing; per-service phases are summed over services. */
    static final java.util.List<String> ORDER = java.util.List.of("jvm", "cli", "parse", "plan", "probe", "prune",
            "lock", "prepare", "docker", "check", "smoke", "record");

    private final BuildListener inner;
    private final Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();
    private final long cliStart;

    PhaseTimings(BuildListener inner, long cliStartNanos) {
        this.inner = inner;
        this.cliStart = cliStartNanos;
        // the JVM's own start, from process start to the JVM being ready (before main)
        long jvmMillis = ManagementFactory.getRuntimeMXBean().getUptime()
                - (System.nanoTime() - cliStartNanos) / 1_000_000;
        add("jvm", Math.max(0, jvmMillis) * 1_000_000);
    }

    /**
     * The build starts: the time since main() is the CLI's own (options, class loading), less the
     * engine's parse and plan, which it reports when the build starts.
     */
    void buildStarting() {
        add("cli", System.nanoTime() - cliStart);
    }

    private void add(String phase, long n) {
        nanos.computeIfAbsent(phase, k -> new AtomicLong()).addAndGet(n);
    }

    @Override
    public void phase(String service, String phase, long n) {
        add(phase, n);
        inner.phase(service, phase, n);
    }

    /** One line: {@code timings: jvm 150 ms, cli 80 ms, parse 12 ms, ...}; per-service phases summed. */
    void print(PrintStream out) {
        Map<String, Long> ms = new TreeMap<>((a, b) -> Integer.compare(rank(a), rank(b)) != 0
                ? Integer.compare(rank(a), rank(b)) : a.compareTo(b));
        nanos.forEach((k, v) -> ms.put(k, v.get() / 1_000_000));
        ms.computeIfPresent("cli", (k, v) -> Math.max(0, v - ms.getOrDefault("parse", 0L) - ms.getOrDefault("plan", 0L)));
        StringBuilder sb = new StringBuilder("timings:");
        ms.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %d ms,", k, v)));
        sb.setLength(sb.length() - 1);
        out.println(sb.append(" (per-service phases summed over services)"));
    }

    private static int rank(String phase) {
        int i = ORDER.indexOf(phase);
        return i < 0 ? ORDER.size() : i;
    }

    @Override
    public void serviceStarted(PlannedService service) {
        inner.serviceStarted(service);
    }

    @Override
    public void step(String service, StepRecord step, boolean finished) {
        inner.step(service, step, finished);
    }

    @Override
    public void output(String service, String line) {
        inner.output(service, line);
    }

    @Override
    public void message(String service, String text) {
        inner.message(service, text);
    }

    @Override
    public void serviceFinished(PlannedService service, BuildRecord record) {
        inner.serviceFinished(service, record);
    }
}
