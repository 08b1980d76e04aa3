package dev.morganbuild.benchmarks;

import dev.morganbuild.engine.history.HistoryStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Peak heap of the trend query over a large history. scripts/jmh.sh runs it in a JVM limited to
 * {@code -Xmx64m} (the goal): finishing there is the test; the printed peak is what the heap pools
 * held at most, garbage included, after the history was opened.
 *
 * <p>Usage: {@code TrendHeap <dir for cached histories> <builds> [runs]}
 */
public final class TrendHeap {
    private TrendHeap() {
    }

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        int builds = Integer.parseInt(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        HistoryStore store = new HistoryStore(Workloads.history(cache, builds));
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        int chars = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            chars += TrendQueryBenchmark.query(store, builds).length();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000 / runs;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "trend-heap builds=%d runs=%d maxHeapMiB=%.0f peakHeapMiB=%.1f msPerQuery=%d chars=%d%n",
                builds, runs, Runtime.getRuntime().maxMemory() / 1048576.0, peak / 1048576.0, millis, chars / runs);
    }
}
