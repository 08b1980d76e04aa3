package dev.morganbuild.engine.cache;

import java.time.Instant;

/**
 * One record of the engine's build cache, as {@code docker system df -v} lists it.
 *
 * @param id          the record's full id (without docker's in-use star)
 * @param type        BuildKit's record type: {@code regular} (a layer), {@code exec.cachemount} (a
 *                    {@code RUN --mount=type=cache}), {@code source.local} (a transferred context),
 *                    {@code frontend}, {@code internal}, ...
 * @param description what BuildKit says made it, e.g. {@code cached mount /var/cache/apt from exec ...}
 * @param sizeBytes   its size; docker prints three significant digits, so this is within 0.5%
 * @param createdAt   when it was created
 * @param lastUsedAt  when a build last used it, or null (never released yet)
 * @param usageCount  how many times builds used it
 * @param inUse       whether a running build holds it (a prune never removes it then)
 * @param shared      whether its bytes are shared with an image (counted under Images, not Build Cache)
 * @param parent      the record it is built on, or null
 */
public record BuildCacheRecord(String id, String type, String description, long sizeBytes, Instant createdAt,
                               Instant lastUsedAt, int usageCount, boolean inUse, boolean shared, String parent) {
    public static final String LAYER = "regular";
    public static final String CACHE_MOUNT = "exec.cachemount";
    public static final String LOCAL_SOURCE = "source.local";

    /** Whether docker counts it in the build cache's total (a record shared with an image is not). */
    boolean counted() {
        return !shared;
    }

    /** Bytes a prune of this record could give back now: its size unless shared or in use. */
    long reclaimableBytes() {
        return shared || inUse ? 0 : sizeBytes;
    }
}
