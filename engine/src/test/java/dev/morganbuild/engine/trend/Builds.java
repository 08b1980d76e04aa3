package dev.morganbuild.engine.trend;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.StepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test builds: summaries with fixed times, and records whose steps can be shaped. */
public final class Builds {
    static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");

    private Builds() {
    }

    public static BuildSummary summary(String service, int n, long millis, BuildKind kind) {
        return new BuildSummary(service + "-" + n, service, T0.plusSeconds(3600L * n), millis,
                kind == BuildKind.WARM ? 8 : 0, 8, kind, false, BuildStatus.SUCCESS, n);
    }

    public static List<BuildSummary> warm(String service, long... millis) {
        List<BuildSummary> out = new ArrayList<>();
        for (int i = 0; i < millis.length; i++) {
            out.add(summary(service, i, millis[i], BuildKind.WARM));
        }
        return out;
    }

    public static StepRecord step(int index, String name, long millis, boolean cached) {
        String instruction = name.replaceFirst("^\\[[^\\]]*\\] ", "").split(" ")[0];
        return new StepRecord(index, name, name.startsWith("[") ? name.substring(1).split(" ")[0] : "", instruction,
                millis, cached, cached ? StepRecord.StepStatus.CACHED : StepRecord.StepStatus.DONE);
    }

    public static BuildRecord record(BuildSummary s, List<StepRecord> steps) {
        int cached = (int) steps.stream().filter(x -> x.isBuildStep() && x.cached()).count();
        int total = (int) steps.stream().filter(StepRecord::isBuildStep).count();
        return new BuildRecord(BuildRecord.SCHEMA, s.id(), "run-" + s.offset(), s.service(), List.of(), null, null, s.start(),
                s.durationMillis(), steps, cached, total, s.kind(), s.nightly(), null, "n", "builtin", s.status(), 0, 1,
                true, null, List.of(), null, null, null);
    }
}
