package dev.morganbuild.engine.record;

import java.util.Locale;

/** How a service build used the layer cache. */
public enum BuildKind {
    /** No build step was found in the layer cache. */
    COLD,
    /** At least one build step came from the layer cache. */
    WARM,
    /** The layer cache was deliberately ignored (--no-cache or a nightly build). */
    NO_CACHE;

    /** {@code cold}, {@code warm} or {@code no-cache}: the kind as every page, table and chart writes it. */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The kind a build is shown as: {@code nightly} for nightly builds, else {@link #label()}, and
     * {@code -} when the kind is unknown (a service that was never built).
     */
    public static String label(BuildKind kind, boolean nightly) {
        return nightly ? "nightly" : kind == null ? "-" : kind.label();
    }

    /**
     * The group a build's time is compared within: {@code cold}, {@code warm}, or {@code no-cache}
     * for no-cache and nightly builds alike (both rebuild every layer).
     */
    public static String comparisonGroup(BuildKind kind, boolean nightly) {
        return kind == NO_CACHE || nightly ? NO_CACHE.label() : kind == COLD ? COLD.label() : WARM.label();
    }
}
