package dev.morganbuild.benchmarks;

import dev.morganbuild.engine.chart.Charts;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.engine.trend.RegressionDetector;
import dev.morganbuild.engine.trend.ServiceStats;
import dev.morganbuild.engine.trend.TrendCalculator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The trend page of one service: read its summaries from the history index, compute its stats and
 * regressions (reading full records only for culprits), and render the chart option JSON.
 * Goal: at most 50 ms over 10,000 builds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class TrendQueryBenchmark {
    @Param({"10000", "100000"})
    public int builds;

    HistoryStore store;

    @Setup
    public void setUp() throws IOException {
        store = new HistoryStore(Workloads.history(Path.of("target"), builds));
    }

    @Benchmark
    public String trendAndChart() throws IOException {
        return query(store, builds);
    }

    /** The query itself, shared with {@link TrendHeap}. */
    static String query(HistoryStore store, int builds) throws IOException {
        List<BuildSummary> summaries = store.summaries(Workloads.SERVICE, builds);
        ServiceStats stats = TrendCalculator.stats(Workloads.SERVICE, summaries);
        List<Regression> regressions = RegressionDetector.withBand(0.25).detect(summaries, store::record);
        return stats.builds() + Charts.durationTrend(summaries, s -> s.start().toString(), regressions);
    }
}
