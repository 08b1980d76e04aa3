package dev.morganbuild.engine.cache;

import java.util.List;

/**
 * One cache mount in the engine (all its records: a mount with {@code sharing=private} may have several).
 *
 * @param id        the mount's id (its target when the Dockerfile gave none, or when no build in the
 *                  history names it)
 * @param target    where builds mount it
 * @param kind      apt, pip, uv, ... or other ({@link CacheMountSpec#kind})
 * @param sizeBytes its size
 * @param inUse     whether a running build holds it (a prune leaves it)
 * @param services  the services whose recent builds mount it, sorted; empty when unknown
 * @param recordIds the engine's record ids, for a prune
 */
public record CacheMountUsage(String id, String target, String kind, long sizeBytes, boolean inUse,
                              List<String> services, List<String> recordIds) {
    public CacheMountUsage {
        services = List.copyOf(services);
        recordIds = List.copyOf(recordIds);
    }
}
