package dev.morganbuild.engine.trend;

import static dev.morganbuild.engine.trend.Builds.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendCalculatorTest {
    @Test
    void shouldComputeMedianP90ColdWarmHitRatioAndTimeSaved() {
        List<BuildSummary> builds = new ArrayList<>();
        builds.add(summary("tts", 0, 120_000, BuildKind.COLD));
        builds.add(summary("tts", 1, 100_000, BuildKind.COLD));
        for (int i = 2; i < 12; i++) {
            builds.add(summary("tts", i, 10_000 + i * 100, BuildKind.WARM));
        }
        builds.add(summary("tts", 12, 90_000, BuildKind.NO_CACHE));
        builds.add(new BuildSummary("x", "tts", Builds.T0, 1, 0, 8, BuildKind.WARM, false, BuildStatus.FAILED, 0));
        builds.add(summary("core", 0, 5_000, BuildKind.WARM));

        ServiceStats s = TrendCalculator.stats("tts", builds);

        assertThat(s.builds()).isEqualTo(14);
        assertThat(s.successes()).isEqualTo(13);
        assertThat(s.medianColdMillis()).isEqualTo(100_000);
        assertThat(s.medianWarmMillis()).isEqualTo(10_600);
        assertThat(s.medianNoCacheMillis()).isEqualTo(90_000);
        assertThat(s.medianMillis()).isEqualTo(10_800);
        assertThat(s.p90Millis()).isEqualTo(100_000);
        assertThat(s.cacheHitRatio()).isEqualTo(10.0 / 13);
        // sum over the warm builds 2..11 of (median cold 100 s - that build)
        assertThat(s.timeSavedMillis()).isEqualTo(10 * 100_000L - (10 * 10_000L + 100L * (2 + 11) * 10 / 2));
        assertThat(s.lastMillis()).isEqualTo(90_000);
        assertThat(TrendCalculator.byService(builds)).extracting(ServiceStats::service).containsExactly("tts", "core");
    }

    @Test
    void shouldSayWhenThereIsNoColdBaselineForTimeSaved() {
        ServiceStats s = TrendCalculator.stats("core", Builds.warm("core", 1_000, 2_000));

        assertThat(s.timeSavedMillis()).isEqualTo(-1);
        assertThat(s.medianColdMillis()).isEqualTo(-1);
    }
}
