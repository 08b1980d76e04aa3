package dev.morganbuild.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole-machine CPU use between two readings of Linux's /proc/stat, in cores: shows whether builds
 * run one after another left cores idle that parallel builds could use.
 */
final class CpuMeter {
    private static final Path STAT = Path.of("/proc/stat");
    private final long busy0;
    private final long total0;

    private CpuMeter(long[] sample) {
        busy0 = sample[0];
        total0 = sample[1];
    }

    /** Starts a reading, or null where /proc/stat is not there. */
    static CpuMeter start() {
        long[] s = sample();
        return s == null ? null : new CpuMeter(s);
    }

    /** Cores busy on average since {@link #start()}: 0 to the number of cores. */
    double coresBusy() {
        long[] s = sample();
        if (s == null || s[1] == total0) {
            return Double.NaN;
        }
        return (double) (s[0] - busy0) / (s[1] - total0) * Runtime.getRuntime().availableProcessors();
    }

    /** {busy, total} jiffies over all cores; iowait counts as idle. */
    private static long[] sample() {
        try {
            String cpu = Files.readAllLines(STAT).get(0);
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
