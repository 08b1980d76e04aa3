package dev.morganbuild.engine.dockerfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An OCI platform ({@code os/arch[/variant]}) and the automatic platform ARGs BuildKit defines for
 * it: {@code TARGETPLATFORM}, {@code TARGETOS}, {@code TARGETARCH}, {@code TARGETVARIANT} for the
 * platform built for, {@code BUILDPLATFORM}, {@code BUILDOS}, {@code BUILDARCH}, {@code BUILDVARIANT}
 * for the machine building. They are in scope in {@code FROM} lines without an {@code ARG}.
 *
 * @param os      e.g. {@code linux}
 * @param arch    e.g. {@code amd64}, {@code arm64}
 * @param variant e.g. {@code v7}, or "" when there is none
 */
public record BuildPlatform(String os, String arch, String variant) {
    /** The names of BuildKit's automatic platform ARGs. */
    static final Set<String> ARG_NAMES = Set.of("TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
            "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT");

    /**
     * Parses {@code os/arch[/variant]}, as in {@code build.platforms} or {@code DOCKER_DEFAULT_PLATFORM};
     * a bare architecture means Linux. Returns null for a value that is not of that form.
     */
    static BuildPlatform parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] p = text.strip().toLowerCase(Locale.ROOT).split("/");
        if (p.length > 3 || List.of(p).stream().anyMatch(String::isEmpty)) {
            return null;
        }
        if (p.length == 1) {
            return new BuildPlatform("linux", p[0], "");
        }
        return new BuildPlatform(p[0], p[1], p.length == 3 ? p[2] : "");
    }

    /** The platform of this machine, named as Go (and so BuildKit) names it. */
    static BuildPlatform host() {
        String javaArch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        String arch = switch (javaArch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "arm" -> "arm";
            default -> javaArch;
        };
        return new BuildPlatform("linux", arch, arch.equals("arm") ? "v7" : "");
    }

    /**
     * The platform a build targets, as Compose chooses it: the first of {@code build.platforms},
     * else {@code DOCKER_DEFAULT_PLATFORM} from {@code env}, else this machine's.
     */
    public static BuildPlatform target(List<String> platforms, Map<String, String> env) {
        for (String candidate : platforms.isEmpty() ? List.of(env.getOrDefault("DOCKER_DEFAULT_PLATFORM", ""))
                : List.of(platforms.get(0))) {
            BuildPlatform p = parse(candidate);
            if (p != null) {
                return p;
            }
        }
        return host();
    }

    /** {@code os/arch[/variant]}. */
    @Override
    public String toString() {
        return os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant);
    }

    /** The automatic platform ARGs for building this platform on {@code build}. */
    Map<String, String> args(BuildPlatform build) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TARGETPLATFORM", toString());
        m.put("TARGETOS", os);
        m.put("TARGETARCH", arch);
        m.put("TARGETVARIANT", variant);
        m.put("BUILDPLATFORM", build.toString());
        m.put("BUILDOS", build.os);
        m.put("BUILDARCH", build.arch);
        m.put("BUILDVARIANT", build.variant);
        return m;
    }
}
