package dev.morganbuild.engine.trend;

import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reading one build's steps: slowest first, and the step that invalidated the layer cache. */
public final class StepAnalysis {
    private StepAnalysis() {
    }

    /** Build steps, slowest first. */
    public static List<StepRecord> slowestFirst(BuildRecord r) {
        return r.steps().stream().filter(StepRecord::isBuildStep)
                .sorted(Comparator.comparingLong(StepRecord::durationMillis).reversed()).toList();
    }

    /**
     * The first build step that ran although earlier ones came from the cache: where the cache was
     * invalidated. Empty for cold, no-cache and fully cached builds.
     */
    public static Optional<StepRecord> invalidatingStep(BuildRecord r) {
        if (r.kind() == BuildKind.NO_CACHE || r.stepsCached() == 0) {
            return Optional.empty();
        }
        return r.steps().stream().filter(s -> s.isBuildStep() && !s.cached()).findFirst();
    }
}
