package dev.morganbuild.engine.trend;

import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reading one build's steps: the failed step and the slowest first, the step that invalidated the
 * layer cache, and what each step's cache column says (one rule for the report, the charts and the
 * Jenkins pages).
 */
public final class StepAnalysis {
    private StepAnalysis() {
    }

    /** What a step did, as the pages say it. */
    public enum Verdict {
        FAILED("failed"), CACHED("cached"), INVALIDATED("ran: cache invalidated here"), RAN("ran");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * Build steps to show: the step the build failed at first (even when it is one of BuildKit's own,
     * such as loading a base image's metadata), then the others slowest first.
     */
    public static List<StepRecord> slowestFirst(BuildRecord r) {
        return r.steps().stream().filter(s -> s.isBuildStep() || s.failed())
                .sorted(Comparator.comparing((StepRecord s) -> !s.failed())
                        .thenComparing(Comparator.comparingLong(StepRecord::durationMillis).reversed())).toList();
    }

    /**
     * The first build step that ran although earlier ones came from the cache: where the cache was
     * invalidated. Empty for cold, no-cache and fully cached builds.
     */
    static Optional<StepRecord> invalidatingStep(BuildRecord r) {
        if (r.kind() == BuildKind.NO_CACHE || r.stepsCached() == 0) {
            return Optional.empty();
        }
        return r.steps().stream().filter(s -> s.isBuildStep() && !s.cached()).findFirst();
    }

    /** What {@code step} of {@code r} did: failed, cached, invalidated the cache, or ran. */
    public static Verdict verdict(BuildRecord r, StepRecord step) {
        if (step.failed()) {
            return Verdict.FAILED;
        }
        if (step.cached()) {
            return Verdict.CACHED;
        }
        return invalidatingStep(r).filter(i -> i.index() == step.index()).isPresent() ? Verdict.INVALIDATED : Verdict.RAN;
    }

    /** The step the build failed at, if BuildKit named one. */
    static Optional<StepRecord> failedStep(BuildRecord r) {
        return r.steps().stream().filter(StepRecord::failed).findFirst();
    }

    /** True for a successful build whose every build step came from the layer cache (nothing to chart). */
    public static boolean allCached(BuildRecord r) {
        return r.succeeded() && r.stepsTotal() > 0 && r.stepsCached() == r.stepsTotal();
    }

    /** "all 8 steps cached in 1.2 s": what the pages say instead of an empty step chart. */
    public static String allCachedText(BuildRecord r) {
        return "all " + r.stepsTotal() + (r.stepsTotal() == 1 ? " step" : " steps") + " cached in "
                + DurationText.format(r.durationMillis());
    }
}
