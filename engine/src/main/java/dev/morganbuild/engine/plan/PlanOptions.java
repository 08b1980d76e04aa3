package dev.morganbuild.engine.plan;

import dev.morganbuild.engine.record.CacheMountPolicy;
import java.nio.file.Path;

/**
 * Choices that shape a plan beyond the compose file.
 *
 * @param cacheRoot        per-agent cache root; service caches live in {@code <root>/services/<name>}
 * @param noCache          ignore the layer cache (--no-cache)
 * @param nightly          a nightly build: no layer cache unless the policy says otherwise
 * @param mountPolicy      override of what no-cache builds do with cache mounts, or null for x-morgan / default KEEP
 * @param defaultGpuLabel  label for GPU services when x-morgan names none (Jenkins global config), e.g. {@code gpu}
 * @param defaultCpuLabel  label for the other services, e.g. {@code docker}
 */
public record PlanOptions(Path cacheRoot, boolean noCache, boolean nightly, CacheMountPolicy mountPolicy,
                          String defaultGpuLabel, String defaultCpuLabel) {

    public static final String GPU_LABEL = "gpu";
    /** Docker nodes that are not GPU nodes: CPU services leave the GPU nodes to the services that need them. */
    public static final String CPU_LABEL = "docker && !gpu";

    public static PlanOptions defaults(Path cacheRoot) {
        return new PlanOptions(cacheRoot, false, false, null, GPU_LABEL, CPU_LABEL);
    }

    public PlanOptions withNoCache(boolean value) {
        return new PlanOptions(cacheRoot, value, nightly, mountPolicy, defaultGpuLabel, defaultCpuLabel);
    }

    public PlanOptions withNightly(boolean value) {
        return new PlanOptions(cacheRoot, noCache, value, mountPolicy, defaultGpuLabel, defaultCpuLabel);
    }

    public PlanOptions withMountPolicy(CacheMountPolicy value) {
        return new PlanOptions(cacheRoot, noCache, nightly, value, defaultGpuLabel, defaultCpuLabel);
    }

    public PlanOptions withLabels(String gpu, String cpu) {
        return new PlanOptions(cacheRoot, noCache, nightly, mountPolicy, gpu, cpu);
    }
}
