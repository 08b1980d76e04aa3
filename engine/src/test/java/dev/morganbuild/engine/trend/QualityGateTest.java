package dev.morganbuild.engine.trend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.history.BuildSummary;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A build fails the gate only when it is the one that completes a sustained slowdown. */
class QualityGateTest {
    private static final List<BuildSummary> HISTORY = Builds.warm("core", 10_000, 10_400, 9_800, 10_100, 10_000,
            25_000, 26_000, 24_000, 25_500);

    private static List<Regression> gate(int builds) {
        List<BuildSummary> upTo = HISTORY.subList(0, builds);
        String last = upTo.get(upTo.size() - 1).id();
        return QualityGate.newRegressions(upTo, s -> s.id().equals(last), 0.25, s -> Optional.empty());
    }

    @Test
    void shouldReportTheRegressionOnlyOnTheBuildThatCompletesIt() {
        assertThat(gate(6)).as("one slow build").isEmpty();
        assertThat(gate(7)).as("two slow builds").isEmpty();
        assertThat(gate(8)).as("the third slow build in a row").singleElement()
                .satisfies(r -> assertThat(r.firstBuildId()).isEqualTo("core-5"));
        assertThat(gate(9)).as("a later slow build: already reported").isEmpty();
    }

    @Test
    void shouldHonourTheBand() {
        List<BuildSummary> upTo = HISTORY.subList(0, 8);
        assertThat(QualityGate.newRegressions(upTo, s -> s.id().equals("core-7"), 2.0, s -> Optional.empty()))
                .as("x2.5 is inside a band of 200 %").isEmpty();
    }
}
