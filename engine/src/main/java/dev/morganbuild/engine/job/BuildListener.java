package dev.morganbuild.engine.job;

import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;

/**
 * Hears what a stack build does, as it happens: the CLI draws its live status lines from it and the
 * Jenkins step writes the build log. Calls for different services may come from different threads.
 */
public interface BuildListener {
    /** A service build starts. */
    default void serviceStarted(PlannedService service) {
    }

    /** A Dockerfile step started ({@code finished == false}) or ended. */
    default void step(String service, StepRecord step, boolean finished) {
    }

    /** One raw line of docker's output. */
    default void output(String service, String line) {
    }

    /** Something the user should know (waiting for a lock, a pruned cache, a large context...). */
    default void message(String service, String text) {
    }

    /**
     * A phase of the run took {@code nanos}: {@code parse}, {@code plan}, {@code probe}, {@code prune}
     * for the run ({@code service} null), {@code lock}, {@code prepare}, {@code docker}, {@code check},
     * {@code smoke}, {@code record} per service. {@code morgan build --timings} adds them up.
     */
    default void phase(String service, String phase, long nanos) {
    }

    /** A service build ended (successfully or not). */
    default void serviceFinished(PlannedService service, BuildRecord record) {
    }

    BuildListener NONE = new BuildListener() {
    };
}
