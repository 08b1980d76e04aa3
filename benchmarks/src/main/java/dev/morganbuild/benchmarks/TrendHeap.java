package dev.morganbuild.benchmarks;

import dev.morganbuild.engine.history.HistoryStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Peak heap of the trend query over a large history. scripts/jmh.sh runs it in a JVM limited to
 * {@code -Xmx64m} (the goal): finishing there is the test. It also prints the most heap in use that
 * a sampler (every millisecond) saw during the queries, garbage included, and the heap still in use
 * after a full collection with the last query's inputs and result held (the live set).
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
        java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] peak = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        int chars = 0;
        long t0 = System.nanoTime();
        java.util.List<dev.morganbuild.engine.history.BuildSummary> held = null;
        String result = null;
        for (int i = 0; i < runs; i++) {
            held = store.summaries(Workloads.SERVICE, builds);
            result = TrendQueryBenchmark.query(store, builds);
            chars += result.length();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000 / runs;
        sampler.interrupt();
        sampler.join();
        System.gc();
        long live = memory.getHeapMemoryUsage().getUsed();
        if (held.isEmpty() || result.isEmpty()) {
            throw new IllegalStateException("empty query");
        }
        long peakBytes = peak[0];
        System.out.printf(Locale.ROOT, "trend-heap builds=%d runs=%d maxHeapMiB=%.0f peakHeapMiB=%.1f liveHeapMiB=%.1f "
                + "msPerQuery=%d chars=%d%n", builds, runs, Runtime.getRuntime().maxMemory() / 1048576.0,
                peakBytes / 1048576.0, live / 1048576.0, millis, chars / runs);
    }
}
