package dev.morganbuild.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The JMH harness itself runs every benchmark (one short iteration, small sizes): the smoke mode CI runs. */
class JmhSmokeIT {
    @Test
    void shouldRunEveryBenchmarkThroughJmh() throws Exception {
        Options options = new OptionsBuilder()
                .include("dev.morganbuild.benchmarks.*Benchmark")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .param("builds", "500")
                .param("logBytes", "100000")
                .param("services", "20")
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).hasSize(4);
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
