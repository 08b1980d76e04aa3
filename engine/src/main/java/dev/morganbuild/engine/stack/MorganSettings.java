package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.record.CacheMountPolicy;
import java.util.List;

/**
 * The {@code x-morgan} extension, at top level (defaults) or per service (overrides). Every field
 * is null when not set, so a service's settings can be merged over the top-level ones.
 *
 * @param gpu          force GPU need on (true) or off (false); null = detect
 * @param nodeLabel    Jenkins label expression for this service (top level: not used)
 * @param gpuLabel     label for GPU services (top level default; "gpu" when unset everywhere)
 * @param cpuLabel     label for the other services ("docker" when unset everywhere)
 * @param cacheMode    "local" (per-agent directory), "registry" (cacheRef), "inline", or "none"
 * @param cacheRef     registry reference for registry cache mode
 * @param cacheBudgetBytes per-agent cache byte budget, or null
 * @param smokeTest    argv run in the built image after a GPU build (no shell), or null
 * @param nightlyMounts what a nightly / no-cache build does with cache mounts, or null
 * @param budgetSeconds build-time budget; a build slower than this is reported, or null
 * @param gpuImages    image globs (top level only, e.g. {@code myorg/trainer:*}) that count as GPU base
 *                     images in addition to the built-in CUDA rules, or null
 */
public record MorganSettings(Boolean gpu, String nodeLabel, String gpuLabel, String cpuLabel,
                             String cacheMode, String cacheRef, Long cacheBudgetBytes,
                             List<String> smokeTest, CacheMountPolicy nightlyMounts, Long budgetSeconds,
                             List<String> gpuImages) {

    public static final MorganSettings EMPTY =
            new MorganSettings(null, null, null, null, null, null, null, null, null, null, null);

    public MorganSettings {
        gpuImages = gpuImages == null ? null : List.copyOf(gpuImages);
    }

    /** Settings without {@code gpuImages} (the form before that setting existed). */
    public MorganSettings(Boolean gpu, String nodeLabel, String gpuLabel, String cpuLabel, String cacheMode,
                          String cacheRef, Long cacheBudgetBytes, List<String> smokeTest,
                          CacheMountPolicy nightlyMounts, Long budgetSeconds) {
        this(gpu, nodeLabel, gpuLabel, cpuLabel, cacheMode, cacheRef, cacheBudgetBytes, smokeTest, nightlyMounts,
                budgetSeconds, null);
    }

    /** These settings with every unset field taken from {@code defaults}. */
    MorganSettings over(MorganSettings defaults) {
        return new MorganSettings(
                gpu != null ? gpu : defaults.gpu,
                nodeLabel != null ? nodeLabel : defaults.nodeLabel,
                gpuLabel != null ? gpuLabel : defaults.gpuLabel,
                cpuLabel != null ? cpuLabel : defaults.cpuLabel,
                cacheMode != null ? cacheMode : defaults.cacheMode,
                cacheRef != null ? cacheRef : defaults.cacheRef,
                cacheBudgetBytes != null ? cacheBudgetBytes : defaults.cacheBudgetBytes,
                smokeTest != null ? smokeTest : defaults.smokeTest,
                nightlyMounts != null ? nightlyMounts : defaults.nightlyMounts,
                budgetSeconds != null ? budgetSeconds : defaults.budgetSeconds,
                gpuImages != null ? gpuImages : defaults.gpuImages);
    }

    /**
     * The registry cache image of {@code service} under {@code cache.mode: registry}, else null: the
     * {@code ref} itself when it names a tag or digest, else {@code <ref>/<service>:cache} (one ref at
     * the top level serves every service).
     */
    public String registryCacheRef(String service) {
        if (!"registry".equals(cacheMode) || cacheRef == null || cacheRef.isBlank()) {
            return null;
        }
        int slash = cacheRef.lastIndexOf('/');
        String last = cacheRef.substring(slash + 1);
        // "127.0.0.1:5000" alone is a registry host, not an image with a tag
        boolean namesImage = slash >= 0 && (last.contains(":") || last.contains("@"));
        return namesImage ? cacheRef : cacheRef + "/" + service + ":cache";
    }
}
