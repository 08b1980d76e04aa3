package dev.morganbuild.engine.job;

import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Writes the engine's events to a plain log (a Jenkins build log, a detached build's log file):
 * docker's own output, each line behind its service's name ({@code [tts] #7 [deps 2/4] RUN ...}) so that
 * the services of {@code morgan.buildAll()}, which share one console in parallel branches, can be told
 * apart, plus a {@code [morgan]} line when a service starts and when it ends.
 */
final class LogPrinter implements BuildListener {
    private final PrintStream log;

    LogPrinter(PrintStream log) {
        this.log = log;
    }

    @Override
    public synchronized void serviceStarted(PlannedService s) {
        log.println("[morgan] building " + s.name() + " (" + (s.gpu() ? "GPU" : "CPU") + ", label " + s.nodeLabel()
                + (s.noCache() ? ", no layer cache, cache mounts " + s.mountPolicy().name().toLowerCase(Locale.ROOT) : "")
                + ")");
    }

    @Override
    public synchronized void output(String service, String line) {
        log.println("[" + service + "] " + line);
    }

    @Override
    public synchronized void message(String service, String text) {
        log.println("[morgan] " + service + ": " + text);
    }

    @Override
    public synchronized void serviceFinished(PlannedService s, BuildRecord r) {
        log.printf(Locale.ROOT, "[morgan] %s %s in %.1fs, %d/%d steps cached%n", s.name(),
                r.status().name().toLowerCase(Locale.ROOT), r.durationMillis() / 1000.0, r.stepsCached(), r.stepsTotal());
    }

    @Override
    public void step(String service, StepRecord step, boolean finished) {
        // docker's output already shows each step
    }
}
