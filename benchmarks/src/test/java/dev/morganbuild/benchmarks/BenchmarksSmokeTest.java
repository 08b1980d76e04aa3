package dev.morganbuild.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.plan.Plan;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each benchmark's work, run once at a tiny size as plain Java: the inputs are real and the results sensible. */
class BenchmarksSmokeTest {
    @TempDir
    Path dir;

    @Test
    void shouldParseTheGeneratedLogIntoItsSteps() {
        ProgressParsingBenchmark b = new ProgressParsingBenchmark();
        b.logBytes = 200_000;
        b.setUp();

        assertThat(Workloads.bytes(b.lines)).isBetween(200_000L, 220_000L);
        assertThat(b.parsePlainLog()).isGreaterThan(20);
    }

    @Test
    void shouldAppendRecordsThatReadBack() throws Exception {
        HistoryAppendBenchmark b = new HistoryAppendBenchmark();
        b.setUp();
        for (int i = 0; i < 10; i++) {
            b.append();
        }

        assertThat(new HistoryStore(b.dir).summaries(100)).hasSize(10);
        b.tearDown();
    }

    @Test
    void shouldChartTheTrendAndFindTheSeededRegressions() throws Exception {
        HistoryStore store = new HistoryStore(Workloads.history(dir, 3000));

        String json = TrendQueryBenchmark.query(store, 3000);
        var summaries = store.summaries(Workloads.SERVICE, 5000);
        var regressions = dev.morganbuild.engine.trend.RegressionDetector.withBand(0.25).detect(summaries, store::record);

        assertThat(summaries).hasSize(3000);
        assertThat(json).startsWith("3000{").contains(Workloads.SERVICE);
        // the seeded slowdown of the pip step in builds 1000-1099 is found, and only that
        assertThat(regressions).singleElement().satisfies(r -> assertThat(r.culprit()).contains("pip install"));
    }

    @Test
    void shouldParseAndPlanTwoHundredServices() throws Exception {
        ComposePlanBenchmark b = new ComposePlanBenchmark();
        b.services = 200;
        b.compose = Workloads.composeProject(dir.resolve("stack"), 200);

        Plan plan = b.parseAndPlan();

        assertThat(plan.services()).hasSize(200);
        assertThat(plan.services()).anyMatch(s -> s.gpu());
        assertThat(plan.waves()).isGreaterThan(1);
    }
}
