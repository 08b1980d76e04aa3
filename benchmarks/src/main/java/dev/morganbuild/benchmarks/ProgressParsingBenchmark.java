package dev.morganbuild.benchmarks;

import dev.morganbuild.engine.buildkit.PlainProgressParser;
import dev.morganbuild.engine.buildkit.ProgressListener;
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
 * Parsing BuildKit's plain progress output, line by line as it streams from docker, on one thread.
 * Goal: at least 200 MB/s. Throughput = {@link #logBytes} / time per operation; scripts/jmh.sh
 * prints it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class ProgressParsingBenchmark {
    /** Size of the generated log in bytes. */
    @Param({"8000000"})
    public long logBytes;

    List<String> lines;

    @Setup
    public void setUp() {
        lines = Workloads.plainLog(logBytes);
    }

    @Benchmark
    public int parsePlainLog() {
        PlainProgressParser parser = new PlainProgressParser(new ProgressListener() { });
        for (String line : lines) {
            parser.line(line);
        }
        return parser.steps().size();
    }
}
