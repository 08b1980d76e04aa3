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

        assertThat(r.culprit()).isEqualTo("step 'RUN pip install -r requirements.txt' grew most: 5.0 s -> 25.0 s");
    }

    // Each documented limit on its own: every test below breaks when only that limit changes.

    private List<Regression> detect(long... millis) {
        return detector.detect(Builds.warm("core", millis), s -> Optional.empty());
    }

    @Test
    void shouldFlagMoreThanTwentyFivePercentSlowerButNotExactlyTwentyFivePercent() {
        // baseline 20 s: 25 % is 5 s, far above the 2 s floor, so only the band decides
        assertThat(detect(20_000, 20_000, 20_000, 20_000, 20_000, 25_001, 25_001, 25_001)).hasSize(1);
        assertThat(detect(20_000, 20_000, 20_000, 20_000, 20_000, 25_000, 25_000, 25_000)).isEmpty();
    }

    @Test
    void shouldFlagMoreThanTwoSecondsSlowerButNotExactlyTwoSeconds() {
        // baseline 4 s: 25 % is 1 s, below the 2 s floor, so only the floor decides
        assertThat(detect(4_000, 4_000, 4_000, 4_000, 4_000, 6_001, 6_001, 6_001)).hasSize(1);
        assertThat(detect(4_000, 4_000, 4_000, 4_000, 4_000, 6_000, 6_000, 6_000)).isEmpty();
    }

    @Test
    void shouldTakeTheBaselineFromExactlyTheTenPreviousBuilds() {
        // nine older builds whose 4th and 5th smallest are 10 s and 20 s, after one huge and one tiny build:
        // the median of the last 10 is 10 s (15 s is slow); of the last 9 or 11 it would be 20 s (15 s is not)
        List<Regression> found = detect(90_000, 1_000, 60_000, 50_000, 40_000, 30_000, 20_000, 10_000, 7_000,
                6_000, 5_000, 15_000, 15_000, 15_000);

        assertThat(found).singleElement().satisfies(r -> {
            assertThat(r.firstBuildId()).isEqualTo("core-11");
            assertThat(r.baselineMillis()).isEqualTo(10_000);
        });
    }

    @Test
    void shouldNeedAtLeastThreeEarlierBuildsForABaseline() {
        // the 3rd build has two before it: no baseline yet; the 4th has three: its slowdown starts the regression
        assertThat(detect(10_000, 10_000, 20_000, 20_000, 20_000, 20_000))
                .singleElement().extracting(Regression::firstBuildId).isEqualTo("core-3");
    }

    @Test
    void shouldNeedThreeSlowBuildsInARow() {
        assertThat(detect(10_000, 10_000, 10_000, 10_000, 10_000, 20_000, 20_000, 10_000)).isEmpty();
        assertThat(detect(10_000, 10_000, 10_000, 10_000, 10_000, 20_000, 20_000, 20_000))
                .singleElement().extracting(Regression::slowBuilds).isEqualTo(3);
    }

    @Test
    void shouldCompareNightlyBuildsWithNoCacheBuildsAsOneGroup() {
        List<BuildSummary> builds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            builds.add(summary("core", i, 60_000, BuildKind.NO_CACHE)); // --no-cache, not nightly
        }
        for (int i = 5; i < 8; i++) {
            BuildSummary s = summary("core", i, 120_000, BuildKind.NO_CACHE);
            builds.add(new BuildSummary(s.id(), s.service(), s.start(), s.durationMillis(), s.stepsCached(),
                    s.stepsTotal(), s.kind(), true, s.status(), s.offset())); // nightly
        }

        assertThat(detector.detect(builds, s -> Optional.empty())).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo("no-cache");
            assertThat(r.firstBuildId()).isEqualTo("core-5");
            assertThat(r.baselineMillis()).isEqualTo(60_000);
        });
    }
}
