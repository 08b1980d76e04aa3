package dev.morganbuild.cli;

import dev.morganbuild.engine.job.BuildListener;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The live status: one line per service (current step, elapsed). On a terminal the block of lines
 * is redrawn in place once a second and on every step; elsewhere (CI logs) each finished step prints
 * one line.
 */
final class StatusPrinter implements BuildListener, AutoCloseable {
    private final PrintStream out;
    private final boolean live;
    private final boolean quiet;
    private final Map<String, String> lines = new LinkedHashMap<>();
    private final Map<String, Long> started = new LinkedHashMap<>();
    private final int width;
    private int drawn;
    private final Thread ticker;

    StatusPrinter(PrintStream out, Plan plan, boolean live, boolean quiet) {
        this.out = out;
        this.live = live;
        this.quiet = quiet;
        this.width = plan.services().stream().mapToInt(s -> s.name().length()).max().orElse(4);
        plan.services().forEach(s -> lines.put(s.name(), "waiting"));
        this.ticker = live ? new Thread(this::tick, "morgan-status") : null;
        if (ticker != null) {
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    @Override
    public synchronized void serviceStarted(PlannedService s) {
        started.put(s.name(), System.nanoTime());
        update(s.name(), "starting on " + s.nodeLabel() + (s.noCache() ? " (no layer cache)" : ""));
    }

    @Override
    public synchronized void step(String service, StepRecord step, boolean finished) {
        if (!step.isBuildStep() && !finished) {
            return;
        }
        String state = !finished ? "running" : step.cached() ? "CACHED" : step.status().name().toLowerCase(Locale.ROOT)
                + " " + seconds(step.durationMillis());
        String text = "#" + step.index() + " " + abbreviate(step.name(), 70) + "  " + state;
        if (live) {
            update(service, text);
        } else if (finished && !quiet && step.isBuildStep()) {
            out.printf(Locale.ROOT, "[%-" + width + "s] %s%n", service, text);
        }
    }

    @Override
    public synchronized void message(String service, String text) {
        if (live) {
            clear();
        }
        out.printf(Locale.ROOT, "[%-" + width + "s] %s%n", service, text);
        if (live) {
            draw();
        }
    }

    @Override
    public synchronized void serviceFinished(PlannedService s, BuildRecord r) {
        String text = r.status().name().toLowerCase(Locale.ROOT) + " in " + seconds(r.durationMillis()) + ", "
                + r.stepsCached() + "/" + r.stepsTotal() + " steps cached"
                + (r.error() != null ? ": " + abbreviate(r.error(), 100) : "");
        started.remove(s.name());
        if (live) {
            update(s.name(), text);
        } else if (!quiet) {
            out.printf(Locale.ROOT, "[%-" + width + "s] %s%n", s.name(), text);
        }
    }

    private void update(String service, String text) {
        lines.put(service, text);
        if (live) {
            clear();
            draw();
        }
    }

    private void tick() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                clear();
                draw();
            }
        }
    }

    private void clear() {
        for (int i = 0; i < drawn; i++) {
            out.print("\u001b[1A\u001b[2K");
        }
        drawn = 0;
    }

    private void draw() {
        for (Map.Entry<String, String> e : lines.entrySet()) {
            Long t0 = started.get(e.getKey());
            String elapsed = t0 == null ? "      " : String.format(Locale.ROOT, "%5ds", (System.nanoTime() - t0) / 1_000_000_000L);
            out.printf(Locale.ROOT, "%-" + width + "s %s  %s%n", e.getKey(), elapsed, e.getValue());
            drawn++;
        }
        out.flush();
    }

    /** A duration as every page and table writes it (850 ms, 12.4 s, 3 min 05 s). */
    static String seconds(long millis) {
        return dev.morganbuild.engine.trend.DurationText.format(millis);
    }

    private static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.interrupt();
        }
    }
}
