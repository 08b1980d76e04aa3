package dev.morganbuild.engine.cache;

/**
 * What {@link CacheService#read} found: the cache root's folders, and the engine's build cache or why
 * the engine did not answer.
 *
 * @param cacheRoot   the cache root's folders
 * @param engine      the engine's build cache, or null when not asked or when it did not answer
 * @param engineError why the engine did not answer, or null
 */
public record CacheOverview(CacheUsage cacheRoot, EngineCacheUsage engine, String engineError) {
}
