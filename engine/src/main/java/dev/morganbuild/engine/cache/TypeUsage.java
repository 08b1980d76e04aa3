package dev.morganbuild.engine.cache;

/**
 * The engine's build-cache records of one type.
 *
 * @param type             BuildKit's record type ({@code regular}, {@code exec.cachemount}, ...)
 * @param records          how many
 * @param sizeBytes        their size, shared or not
 * @param countedBytes     the part docker counts as build cache (not shared with an image)
 * @param reclaimableBytes what a prune could give back now (not shared, not in use)
 */
public record TypeUsage(String type, int records, long sizeBytes, long countedBytes, long reclaimableBytes) {
    /** A user's name for the type. */
    @com.fasterxml.jackson.annotation.JsonProperty("label")
    public String label() {
        return switch (type) {
            case BuildCacheRecord.LAYER -> "layers";
            case BuildCacheRecord.CACHE_MOUNT -> "cache mounts";
            case BuildCacheRecord.LOCAL_SOURCE -> "local sources";
            default -> type;
        };
    }
}
