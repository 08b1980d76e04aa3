package dev.morganbuild.engine.trend;

/**
 * Build-time statistics of one service over its successful builds.
 *
 * @param service        service name
 * @param builds         builds seen (any status)
 * @param successes      successful builds
 * @param medianMillis   median duration
 * @param p90Millis      90th percentile duration
 * @param medianColdMillis    median of cold builds, or -1 when there were none
 * @param medianWarmMillis    median of warm builds, or -1
 * @param medianNoCacheMillis median of no-cache / nightly builds, or -1
 * @param cacheHitRatio  mean share of build steps served from cache, 0..1
 * @param timeSavedMillis sum over warm builds of (median cold - that build), see {@link TrendHeadline}; -1 when
 *                        there is no cold or no warm build
 * @param lastMillis     duration of the latest successful build, or -1
 */
public record ServiceStats(String service, int builds, int successes, long medianMillis, long p90Millis,
                           long medianColdMillis, long medianWarmMillis, long medianNoCacheMillis,
                           double cacheHitRatio, long timeSavedMillis, long lastMillis) {
}
