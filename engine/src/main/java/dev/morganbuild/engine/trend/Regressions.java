package dev.morganbuild.engine.trend;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Entry point for front ends that only set a threshold (the Jenkins quality gate). */
public final class Regressions {
    private Regressions() {
    }

    /** Regressions past {@code thresholdRatio} (e.g. 0.25 = 25 % slower), with the default window and sustain. */
    public static List<Regression> detect(List<BuildSummary> oldestFirst,
                                          Function<BuildSummary, Optional<BuildRecord>> loader, double thresholdRatio) {
        return RegressionDetector.withBand(thresholdRatio).detect(oldestFirst, loader);
    }
}
