package dev.morganbuild.engine.record;

/** How a service build used the layer cache. */
public enum BuildKind {
    /** No build step was found in the layer cache. */
    COLD,
    /** At least one build step came from the layer cache. */
    WARM,
    /** The layer cache was deliberately ignored (--no-cache or a nightly build). */
    NO_CACHE
}
