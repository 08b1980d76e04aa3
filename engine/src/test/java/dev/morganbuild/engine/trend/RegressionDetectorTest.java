package dev.morganbuild.engine.trend;

import static dev.morganbuild.engine.trend.Builds.record;
import static dev.morganbuild.engine.trend.Builds.step;
import static dev.morganbuild.engine.trend.Builds.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegressionDetectorTest {
    final RegressionDetector detector = RegressionDetector.defaults();

    @Test
    void shouldIgnoreASingleSlowBuild() {
        List<BuildSummary> builds = Builds.warm("core", 10_000, 10_500, 9_800, 10_200, 30_000, 10_100, 9_900);

        assertThat(detector.detect(builds, s -> Optional.empty())).isEmpty();
    }

    @Test
    void shouldIgnoreSlowdownsInsideTheNoiseBand() {
        List<BuildSummary> builds = Builds.warm("core", 10_000, 10_000, 10_000, 10_000, 12_000, 12_000, 12_000, 12_000);

        assertThat(detector.detect(builds, s -> Optional.empty())).isEmpty();
    }

    @Test
    void shouldFlagASustainedSlowdownOnceAtItsFirstBuild() {
        List<BuildSummary> builds = Builds.warm("core", 10_000, 10_400, 9_800, 10_100, 10_000,
                25_000, 26_000, 24_000, 25_500, 25_000);

        List<Regression> found = detector.detect(builds, s -> Optional.empty());

        assertThat(found).singleElement().satisfies(r -> {
            assertThat(r.service()).isEqualTo("core");
            assertThat(r.firstBuildId()).isEqualTo("core-5");
            assertThat(r.baselineMillis()).isEqualTo(10_000);
            assertThat(r.observedMillis()).isEqualTo(25_000);
            assertThat(r.kind()).isEqualTo("warm");
            assertThat(r.describe()).contains("core").contains("x2.50");
        });
    }

    @Test
    void shouldNotCompareNightlyBuildsWithWarmOnes() {
        List<BuildSummary> builds = new ArrayList<>(Builds.warm("core", 5_000, 5_000, 5_000, 5_000));
        for (int i = 4; i < 8; i++) {
            builds.add(summary("core", i, 60_000, BuildKind.NO_CACHE));
        }

        assertThat(detector.detect(builds, s -> Optional.empty())).isEmpty();
    }

    @Test
    void shouldNameTheStepWhoseCacheStatusFlipped() {
        List<BuildSummary> builds = Builds.warm("core", 10_000, 10_000, 10_000, 10_000, 40_000, 41_000, 40_000);
        Map<String, BuildRecord> records = new HashMap<>();
        for (BuildSummary s : builds) {
            boolean slow = s.durationMillis() > 20_000;
            records.put(s.id(), record(s, List.of(
                    step(5, "[base 2/2] RUN apt-get install -y python3", slow ? 30_000 : 0, !slow),
                    step(7, "[app 1/2] COPY core/app /srv/core", 500, false))));
        }

        Regression r = detector.detect(builds, s -> Optional.ofNullable(records.get(s.id()))).get(0);

        assertThat(r.culprit()).isEqualTo("cache flip at step 'RUN apt-get install -y python3' (cached before, rebuilt now)");
    }

    @Test
    void shouldNameTheStepThatGrewMostWhenNoCacheFlipped() {
        List<BuildSummary> builds = Builds.warm("core", 10_000, 10_000, 10_000, 10_000, 30_000, 30_000, 30_000);
        Map<String, BuildRecord> records = new HashMap<>();
        for (BuildSummary s : builds) {
            boolean slow = s.durationMillis() > 20_000;
            records.put(s.id(), record(s, List.of(
                    step(5, "[deps 1/2] RUN pip install -r requirements.txt", slow ? 25_000 : 5_000, false),
                    step(6, "[app 1/1] RUN python -m compileall /srv", slow ? 4_000 : 4_000, false))));
        }

        Regression r = detector.detect(builds, s -> Optional.ofNullable(records.get(s.id()))).get(0);

        assertThat(r.culprit()).isEqualTo("step 'RUN pip install -r requirements.txt' grew most: 5.0s -> 25.0s");
    }
}
