package dev.morganbuild.engine.history;

import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.StepRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test records. */
public final class Records {
    private Records() {
    }

    public static BuildRecord record(String service, long durationMillis, int cached, int total, BuildKind kind, Instant start) {
        List<StepRecord> steps = List.of(
                new StepRecord(5, "[base 2/2] RUN apt-get install -y python3", "base", "RUN", cached > 0 ? 0 : 9000,
                        cached > 0, cached > 0 ? StepRecord.StepStatus.CACHED : StepRecord.StepStatus.DONE),
                new StepRecord(7, "[app 1/2] COPY core/app /srv/core", "app", "COPY", 300, false, StepRecord.StepStatus.DONE));
        return new BuildRecord(BuildRecord.SCHEMA, UUID.randomUUID().toString(), "run1", service, List.of(service + ":latest"),
                "sha256:" + "a".repeat(64), null, start, durationMillis, steps, cached, total, kind, false, null, "node-1",
                "builtin", BuildStatus.SUCCESS, 0, 1234, true, null, List.of(), null, null, null);
    }

    public static BuildRecord record(String service, long durationMillis) {
        return record(service, durationMillis, 1, 2, BuildKind.WARM, Instant.parse("2026-11-22T10:00:00Z"));
    }
}
