package dev.morganbuild.engine.cache;

import java.util.List;

/**
 * What a prune did.
 *
 * @param removed      service caches removed, least recently used first
 * @param skippedInUse caches over the budget that were kept because a build holds them
 * @param freedBytes   bytes removed
 * @param totalBytes   bytes left in the cache root
 */
public record PruneResult(List<String> removed, List<String> skippedInUse, long freedBytes, long totalBytes) {
    public PruneResult {
        removed = List.copyOf(removed);
        skippedInUse = List.copyOf(skippedInUse);
    }
}
