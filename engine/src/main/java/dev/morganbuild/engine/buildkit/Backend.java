package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.MorganException;
import java.util.Locale;

/** How BuildKit is driven. */
public enum Backend {
    /** {@code docker buildx build} with a named builder: local/registry cache export, metadata file. */
    BUILDX,
    /** {@code docker build} with {@code DOCKER_BUILDKIT=1}: the engine's built-in BuildKit. */
    BUILTIN;

    /** The name records and messages use: {@code buildx} or {@code builtin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code buildx}, {@code builtin} (or its alias {@code docker}), or null / blank / {@code auto} for
     * "detect" (null). Every front end parses the back end's name here.
     */
    public static Backend parse(String name) {
        if (name == null || name.isBlank() || name.strip().equalsIgnoreCase("auto")) {
            return null;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "buildx" -> BUILDX;
            case "builtin", "docker" -> BUILTIN;
            default -> throw MorganException.of("unknown back end '" + name.strip() + "'",
                    "use buildx, builtin, or auto (detect: the engine's built-in BuildKit when the client can drive it, else buildx)");
        };
    }
}
