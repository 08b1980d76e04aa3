package dev.morganbuild.engine.plan;

import dev.morganbuild.engine.record.CacheMountPolicy;
import dev.morganbuild.engine.stack.Service;
import java.nio.file.Path;
import java.util.List;

/**
 * One service in a {@link Plan}: where it builds, with which cache, and after what.
 *
 * @param service    the service model
 * @param order      position in the plan (0-based), a valid sequential build order
 * @param wave       services of one wave may build in parallel; wave N starts after wave N-1's dependencies
 * @param gpu        needs a GPU node
 * @param gpuReason  why (or why not)
 * @param nodeLabel  Jenkins label expression the service must build on
 * @param cacheDir   per-agent cache directory of the service
 * @param noCache    the layer cache is ignored
 * @param nightly    this is a nightly build
 * @param mountPolicy for no-cache builds: keep or drop cache mounts; null when the layer cache is used
 * @param after      services that must finish first (depends_on, and shared base stages)
 * @param afterReasons one reason per entry of {@code after}
 */
public record PlannedService(Service service, int order, int wave, boolean gpu, String gpuReason, String nodeLabel,
                             Path cacheDir, boolean noCache, boolean nightly, CacheMountPolicy mountPolicy,
                             List<String> after, List<String> afterReasons) {
    public PlannedService {
        after = List.copyOf(after);
        afterReasons = List.copyOf(afterReasons);
    }

    public String name() {
        return service.name();
    }

    /**
     * The services whose failure skips this one: its {@code depends_on} entries among {@link #after}.
     * A service that only shares a base stage with a failed one still builds (it waits for order, not
     * for success).
     */
    public List<String> needs() {
        return after.stream().filter(service.dependsOn()::contains).toList();
    }
}
