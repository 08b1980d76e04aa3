package dev.morganbuild.engine.trend;

import static dev.morganbuild.engine.trend.Builds.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendHeadlineTest {
    @Test
    void shouldSumPerServiceMedianColdMinusEachWarmBuild() {
        List<BuildSummary> builds = List.of(
                summary("core", 0, 100_000, BuildKind.COLD), summary("core", 1, 10_000, BuildKind.WARM),
                summary("core", 2, 20_000, BuildKind.WARM), summary("core", 3, 120_000, BuildKind.WARM),
                summary("tts", 0, 30_000, BuildKind.COLD), summary("tts", 1, 5_000, BuildKind.WARM),
                summary("web", 1, 4_000, BuildKind.WARM),
                new BuildSummary("x", "tts", Builds.T0, 1_000, 8, 8, BuildKind.WARM, false, BuildStatus.FAILED, 2));

        TrendHeadline h = TrendHeadline.of(builds, 4);

        // core: (100 - 10) + (100 - 20) + 0 for the warm build slower than cold; tts: 30 - 5; web has no cold build
        assertThat(h.timeSavedMillis()).isEqualTo(90_000 + 80_000 + 25_000);
        assertThat(h.medianWarmMillis()).isEqualTo(10_000);
        assertThat(h.medianColdMillis()).isEqualTo(30_000);
        assertThat(h.text()).isEqualTo("The cache saved 3 min 15 s over the last 4 builds. Median warm build 10.0 s,"
                + " median cold build 30.0 s.");
    }

    @Test
    void shouldSayTheFiguresAreUnknownWithoutBuilds() {
        assertThat(TrendHeadline.of(List.of(), 0).text()).isEqualTo("The cache saved 0 ms over the last 0 builds."
                + " Median warm build \u2013, median cold build \u2013.");
    }
}
