package dev.morganbuild.engine.record;

import dev.morganbuild.engine.MorganException;
import java.util.Locale;

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
    DROP;

    /**
     * {@code keep} or {@code drop} (any case); null or blank gives null (the default applies).
     *
     * @param option how the user wrote the setting, for the message (e.g. {@code --cache-mounts})
     * @throws MorganException for any other text
     */
    public static CacheMountPolicy parse(String text, String option) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "keep" -> KEEP;
            case "drop" -> DROP;
            default -> throw MorganException.of(option + " must be keep or drop, not '" + text.strip() + "'",
                    "keep: no-cache builds rebuild layers but keep the apt/pip cache mounts; drop: start them empty");
        };
    }
}
