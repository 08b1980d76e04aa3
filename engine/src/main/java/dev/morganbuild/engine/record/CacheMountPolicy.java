package dev.morganbuild.engine.record;

/**
 * What a no-cache (or nightly) build does with BuildKit cache mounts ({@code RUN --mount=type=cache}).
 */
public enum CacheMountPolicy {
    /**
     * Rebuild every layer but keep the accumulated apt/pip cache mounts. Implemented without
     * {@code --no-cache} (which starts cache mounts empty on the built-in BuildKit): every stage of
     * the Dockerfile gets a build argument whose new value invalidates every RUN step.
     */
    KEEP,
    /** Plain {@code --no-cache}: layers and cache mounts both start from nothing. */
    DROP
}
