package dev.morganbuild.benchmarks;

import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.record.BuildRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One crash-safe history append (file lock, CRC line, fsync, index entry) of a realistic record.
 * Sampled, so JMH reports p50 and p99 per record. The store lives on the disk of the working
 * directory ({@code target/}), as an agent's history does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class HistoryAppendBenchmark {
    HistoryStore store;
    Path dir;
    BuildRecord[] records;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target"), "jmh-append-");
        store = new HistoryStore(dir);
        Random random = new Random(3);
        records = new BuildRecord[1024];
        for (int i = 0; i < records.length; i++) {
            records[i] = Workloads.record(i % 4 == 0 ? "core" : Workloads.SERVICE, i, random);
        }
    }

    @Benchmark
    public void append() throws IOException {
        store.append(records[next++ & (records.length - 1)]);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
