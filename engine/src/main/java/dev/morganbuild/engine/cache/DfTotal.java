package dev.morganbuild.engine.cache;

/**
 * One line of {@code docker system df}: a kind of storage and its totals as docker rounds them.
 *
 * @param type             {@code Images}, {@code Containers}, {@code Local Volumes} or {@code Build Cache}
 * @param count            how many objects
 * @param active           how many are in use
 * @param sizeBytes        their size
 * @param reclaimableBytes what a prune could give back
 */
public record DfTotal(String type, int count, int active, long sizeBytes, long reclaimableBytes) {
    static final String BUILD_CACHE = "Build Cache";
}
