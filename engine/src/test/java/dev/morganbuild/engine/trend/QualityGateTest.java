package dev.morganbuild.engine.trend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.record.BuildRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** Appends the given builds as records (with UUID ids, as real records have); answers the records. */
    private static List<BuildRecord> store(HistoryStore store, List<BuildSummary> builds) throws Exception {
        List<BuildRecord> out = new ArrayList<>();
        for (BuildSummary s : builds) {
            BuildSummary b = new BuildSummary(java.util.UUID.randomUUID().toString(), s.service(), s.start(),
                    s.durationMillis(), s.stepsCached(), s.stepsTotal(), s.kind(), s.nightly(), s.status(), s.offset());
            BuildRecord r = Builds.record(b, List.of(Builds.step(1, "[app 1/2] RUN make", b.durationMillis(), false)));
            store.append(r);
            out.add(r);
        }
        return out;
    }

    @Test
    void shouldFailTheRunThatCompletesARegressionInTheStoredHistory(@TempDir Path dir) throws Exception {
        HistoryStore history = new HistoryStore(dir);
        List<BuildRecord> records = store(history, HISTORY.subList(0, 7));
        assertThat(QualityGate.failures(history, records.subList(6, 7), 0.25, 50))
                .as("the second slow build does not complete it").isEmpty();

        BuildRecord third = store(history, HISTORY.subList(7, 8)).get(0);
        assertThat(QualityGate.failures(history, List.of(third), 0.25, 50)).singleElement()
                .satisfies(f -> assertThat(f).startsWith("build time regression: core: warm builds 10.0 s -> 25.0 s"));
    }

    @Test
    void shouldLookOnlyAtTheRunsServices(@TempDir Path dir) throws Exception {
        HistoryStore history = new HistoryStore(dir);
        store(history, HISTORY.subList(0, 8));
        List<BuildRecord> llm = store(history, Builds.warm("llm", 5_000, 5_100, 4_900, 5_000));

        assertThat(QualityGate.failures(history, llm.subList(3, 4), 0.25, 50)).isEmpty();
    }

    @Test
    void shouldFailAServiceOverItsBudgetSayingByHowMuch(@TempDir Path dir) throws Exception {
        HistoryStore history = new HistoryStore(dir);
        BuildRecord slow = store(history, Builds.warm("core", 2_000)).get(0).toBuilder().budgetMillis(1_000L).build();
        BuildRecord within = slow.toBuilder().budgetMillis(5_000L).build();

        assertThat(QualityGate.failures(history, List.of(slow), 0.25, 50))
                .containsExactly("core took 2.0 s, over its x-morgan budget of 1.0 s");
        assertThat(QualityGate.failures(history, List.of(within), 0.25, 50)).isEmpty();
    }
}
