package dev.morganbuild.engine.trend;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-service statistics from build summaries (the index, never the full records). */
public final class TrendCalculator {
    private TrendCalculator() {
    }

    /** One {@link ServiceStats} per service, in order of first appearance. */
    public static List<ServiceStats> byService(List<BuildSummary> summaries) {
        Map<String, List<BuildSummary>> grouped = new LinkedHashMap<>();
        summaries.forEach(s -> grouped.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s));
        List<ServiceStats> out = new ArrayList<>();
        grouped.forEach((service, list) -> out.add(stats(service, list)));
        return out;
    }

    public static ServiceStats stats(String service, List<BuildSummary> summaries) {
        List<BuildSummary> ok = summaries.stream()
                .filter(s -> s.service().equals(service) && s.status() == BuildStatus.SUCCESS).toList();
        long[] all = durations(ok, null);
        long[] cold = durations(ok, BuildKind.COLD);
        long[] warm = durations(ok, BuildKind.WARM);
        long[] noCache = durations(ok, BuildKind.NO_CACHE);
        double hit = ok.stream().mapToDouble(BuildSummary::cacheHitRatio).average().orElse(0);
        long coldMedian = percentile(cold, 50);
        long warmMedian = percentile(warm, 50);
        long saved = coldMedian < 0 || warmMedian < 0 ? -1 : timeSaved(ok);
        long last = ok.isEmpty() ? -1 : ok.get(ok.size() - 1).durationMillis();
        int builds = (int) summaries.stream().filter(s -> s.service().equals(service)).count();
        return new ServiceStats(service, builds, ok.size(), percentile(all, 50), percentile(all, 90), coldMedian,
                warmMedian, percentile(noCache, 50), hit, saved, last);
    }

    /**
     * Time the cache saved one service: the sum over its successful warm builds of (its median cold
     * build - the warm build), warm builds slower than that median adding nothing; 0 without a cold build.
     */
    static long timeSaved(List<BuildSummary> oneService) {
        List<BuildSummary> ok = oneService.stream().filter(s -> s.status() == BuildStatus.SUCCESS).toList();
        long cold = percentile(durations(ok, BuildKind.COLD), 50);
        if (cold < 0) {
            return 0;
        }
        return ok.stream().filter(s -> s.kind() == BuildKind.WARM)
                .mapToLong(s -> Math.max(0, cold - s.durationMillis())).sum();
    }

    private static long[] durations(List<BuildSummary> ok, BuildKind kind) {
        return ok.stream().filter(s -> kind == null || s.kind() == kind).mapToLong(BuildSummary::durationMillis).toArray();
    }

    /** Nearest-rank percentile; -1 for no values. */
    static long percentile(long[] values, int p) {
        if (values.length == 0) {
            return -1;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
