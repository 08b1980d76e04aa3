package dev.morganbuild.engine.history;

import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import java.time.Instant;

/**
 * The few numbers of a {@link BuildRecord} that trend queries and charts need. The history index
 * stores only these, so trends over tens of thousands of builds never read the full records.
 *
 * @param id             the record's id
 * @param service        service name
 * @param start          start time
 * @param durationMillis build wall time
 * @param stepsCached    build steps served from cache
 * @param stepsTotal     build steps
 * @param kind           cold / warm / no-cache
 * @param nightly        nightly (timer) build
 * @param status         how it ended
 * @param offset         byte offset of the full record in the history log, or -1 when not stored
 */
public record BuildSummary(String id, String service, Instant start, long durationMillis, int stepsCached,
                           int stepsTotal, BuildKind kind, boolean nightly, BuildStatus status, long offset) {

    public static BuildSummary of(BuildRecord r, long offset) {
        return new BuildSummary(r.id(), r.service(), r.start(), r.durationMillis(), r.stepsCached(),
                r.stepsTotal(), r.kind(), r.nightly(), r.status(), offset);
    }

    public double cacheHitRatio() {
        return stepsTotal == 0 ? 0 : (double) stepsCached / stepsTotal;
    }
}
