package dev.morganbuild.engine.cache;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How fast the builds grow the engine's storage, and when the disk (or the budget) is full at that
 * rate. The growth of a build is the size of the records created while it ran (by the history's start
 * and duration); records a prune removed since, and the growth of cache mounts that existed before,
 * are not seen, so it is a lower bound.
 *
 * @param builds              how many recent builds it looked at
 * @param growthPerBuildBytes bytes a build adds, on average (layers shared with images included)
 * @param countedPerBuildBytes the part docker counts as build cache (what the budget limits)
 * @param buildsUntilDiskFull builds until the disk is full at this rate, or null (no growth, disk unknown)
 * @param buildsUntilBudget   builds until the build cache passes the budget, or null (no growth, no budget,
 *                            or over it already)
 */
public record CacheForecast(int builds, long growthPerBuildBytes, long countedPerBuildBytes, Long buildsUntilDiskFull,
                            Long buildsUntilBudget) {
    /** Builds the forecast looks at, most recent first. */
    static final int WINDOW = 10;
    /** Fewer than this warns: the disk is full within so many builds. */
    static final int WARN_BUILDS = 20;

    /** The forecast, or null when fewer than two builds are known (no rate from one build). */
    static CacheForecast of(List<BuildCacheRecord> records, List<BuildWindow> builds, DiskSpace disk,
                                   Long budgetBytes, long countedNow) {
        List<BuildWindow> recent = builds.stream().sorted(Comparator.comparing(BuildWindow::start).reversed())
                .limit(WINDOW).toList();
        if (recent.size() < 2) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        long grown = 0;
        long counted = 0;
        for (BuildCacheRecord r : records) {
            if (recent.stream().anyMatch(b -> b.contains(r.createdAt())) && seen.add(r.id())) {
                grown += r.sizeBytes();
                counted += r.counted() ? r.sizeBytes() : 0;
            }
        }
        long perBuild = grown / recent.size();
        long countedPerBuild = counted / recent.size();
        Long untilDisk = disk == null || perBuild <= 0 ? null : disk.freeBytes() / perBuild;
        Long untilBudget = budgetBytes == null || countedPerBuild <= 0 || countedNow >= budgetBytes ? null
                : (budgetBytes - countedNow) / countedPerBuild;
        return new CacheForecast(recent.size(), perBuild, countedPerBuild, untilDisk, untilBudget);
    }

    /** Whether the disk is forecast to fill soon ({@value #WARN_BUILDS} builds or fewer). */
    @com.fasterxml.jackson.annotation.JsonProperty("diskFullSoon")
    public boolean diskFullSoon() {
        return buildsUntilDiskFull != null && buildsUntilDiskFull <= WARN_BUILDS;
    }

    /** One sentence for a user. */
    @com.fasterxml.jackson.annotation.JsonProperty("sentence")
    public String sentence() {
        if (growthPerBuildBytes <= 0) {
            return "the last " + builds + " builds added nothing to the engine's storage";
        }
        String s = "the last " + builds + " builds added " + ByteSize.format(growthPerBuildBytes) + " per build";
        if (buildsUntilDiskFull != null) {
            s += "; at this rate the disk is full in " + count(buildsUntilDiskFull) + " builds";
        }
        if (buildsUntilBudget != null) {
            s += "; the build cache passes its budget in " + count(buildsUntilBudget) + " builds";
        }
        return s;
    }

    private static String count(long builds) {
        return builds > 10_000 ? "more than 10000" : Long.toString(builds);
    }
}
