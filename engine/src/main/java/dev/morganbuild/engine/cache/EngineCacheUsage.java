package dev.morganbuild.engine.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the engine's build-cache bytes are: per record type, per cache mount, per service where the
 * history explains it, next to the budget and the disk. {@code countedBytes} is what {@code docker
 * system df} calls the build cache (records shared with an image are counted under Images instead).
 *
 * @param types            per record type, layers first
 * @param mounts           per cache mount, largest first
 * @param layers           layers per service, best effort
 * @param countedBytes     the build cache's size as docker counts it
 * @param reclaimableBytes what a prune could give back now (not in use, not shared)
 * @param sharedBytes      bytes of records shared with images (counted under Images)
 * @param dockerTotal      docker's own Build Cache line, for comparison, or null
 * @param disk             the engine's data root's file system, or null when not visible from here
 * @param budgetBytes      the byte budget, or null for none
 * @param forecast         the growth forecast, or null when the history has too few builds
 * @param notes            what the user should know about these figures
 */
public record EngineCacheUsage(List<TypeUsage> types, List<CacheMountUsage> mounts, LayerAttribution.Result layers,
                               long countedBytes, long reclaimableBytes, long sharedBytes, DfTotal dockerTotal,
                               DiskSpace disk, Long budgetBytes, CacheForecast forecast, List<String> notes) {
    private static final List<String> ORDER = List.of(BuildCacheRecord.LAYER, BuildCacheRecord.CACHE_MOUNT,
            BuildCacheRecord.LOCAL_SOURCE);

    public EngineCacheUsage {
        types = List.copyOf(types);
        mounts = List.copyOf(mounts);
        notes = List.copyOf(notes);
    }

    static EngineCacheUsage of(List<BuildCacheRecord> records, DfTotal dockerTotal, DiskSpace disk,
                               List<BuildWindow> builds, Long budgetBytes) {
        Map<String, long[]> byType = new TreeMap<>((a, b) -> rank(a) != rank(b) ? rank(a) - rank(b) : a.compareTo(b));
        long counted = 0;
        long reclaimable = 0;
        long shared = 0;
        for (BuildCacheRecord r : records) {
            long[] a = byType.computeIfAbsent(r.type(), k -> new long[4]);
            a[0]++;
            a[1] += r.sizeBytes();
            a[2] += r.counted() ? r.sizeBytes() : 0;
            a[3] += r.reclaimableBytes();
            counted += r.counted() ? r.sizeBytes() : 0;
            reclaimable += r.reclaimableBytes();
            shared += r.shared() ? r.sizeBytes() : 0;
        }
        List<TypeUsage> types = new ArrayList<>();
        byType.forEach((t, a) -> types.add(new TypeUsage(t, (int) a[0], a[1], a[2], a[3])));
        List<String> notes = new ArrayList<>();
        if (records.stream().anyMatch(BuildCacheRecord::inUse)) {
            notes.add("a build is running: records it holds are not reclaimable, and BuildKit sizes a cache mount "
                    + "in use as 0 B until the build releases it");
        }
        if (builds.isEmpty()) {
            notes.add("no builds in the history: layers and mounts cannot be attributed to services");
        }
        return new EngineCacheUsage(types, MountAttribution.of(records, builds), LayerAttribution.of(records, builds),
                counted, reclaimable, shared, dockerTotal, disk, budgetBytes,
                CacheForecast.of(records, builds, disk, budgetBytes, counted), notes);
    }

    private static int rank(String type) {
        int i = ORDER.indexOf(type);
        return i < 0 ? ORDER.size() : i;
    }

    /** The record type's usage, or an empty one. */
    TypeUsage type(String type) {
        return types.stream().filter(t -> t.type().equals(type)).findFirst().orElse(new TypeUsage(type, 0, 0, 0, 0));
    }

    /** The share of the budget the build cache uses (1.0 = all of it), or null without a budget. */
    @com.fasterxml.jackson.annotation.JsonProperty("budgetShare")
    public Double budgetShare() {
        return budgetBytes == null || budgetBytes <= 0 ? null : (double) countedBytes / budgetBytes;
    }
}
