package dev.morganbuild.engine.cache;

import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a service build ran and which steps it ran, from its history record: what attributes the
 * engine's records to services.
 *
 * @param service the service
 * @param start   when the build started
 * @param end     when it ended
 * @param steps   its step names, in order
 */
public record BuildWindow(String service, Instant start, Instant end, List<String> steps) {
    /** Clocks and docker's bookkeeping lag a little behind a build's own start and end. */
    static final Duration SLACK = Duration.ofSeconds(2);

    public BuildWindow {
        steps = List.copyOf(steps);
    }

    /** The window of a history record; null for a build that never ran (skipped) or has no start. */
    static BuildWindow of(BuildRecord r) {
        if (r.start() == null || r.status() == BuildStatus.SKIPPED) {
            return null;
        }
        return new BuildWindow(r.service(), r.start(), r.start().plusMillis(Math.max(0, r.durationMillis())),
                r.steps().stream().map(StepRecord::name).toList());
    }

    boolean contains(Instant t) {
        return t != null && !t.isBefore(start.minus(SLACK)) && !t.isAfter(end.plus(SLACK));
    }

    /** Whether one of its RUN steps ran {@code command} (white space collapsed). */
    boolean ran(String command) {
        return !command.isEmpty() && steps.stream().anyMatch(s -> CacheMountSpec.commandOfStep(s).equals(command));
    }
}
