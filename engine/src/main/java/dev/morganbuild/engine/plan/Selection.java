package dev.morganbuild.engine.plan;

import dev.morganbuild.engine.MorganException;
import java.util.List;

/**
 * Which services to build, like the seed's {@code build-optimized.sh all|core|cpu|cuda}.
 *
 * @param kind  all, named, CPU-only or CUDA-only
 * @param names the service names for {@link Kind#NAMED}, else empty
 */
public record Selection(Kind kind, List<String> names) {

    public enum Kind { ALL, NAMED, CPU, CUDA }

    public Selection {
        names = List.copyOf(names == null ? List.of() : names);
        if (kind == Kind.NAMED && names.isEmpty()) {
            throw MorganException.of("no service named", "name at least one service, or select all, cpu or cuda");
        }
    }

    public static Selection all() {
        return new Selection(Kind.ALL, List.of());
    }

    public static Selection cpu() {
        return new Selection(Kind.CPU, List.of());
    }

    public static Selection cuda() {
        return new Selection(Kind.CUDA, List.of());
    }

    public static Selection named(List<String> names) {
        return new Selection(Kind.NAMED, names);
    }

    /** {@code all}, {@code cpu}, {@code cuda}, or a comma-separated list of service names. */
    public static Selection parse(String text) {
        String t = text == null ? "" : text.trim();
        return switch (t) {
            case "", "all" -> all();
            case "cpu" -> cpu();
            case "cuda", "gpu" -> cuda();
            default -> named(List.of(t.split("\\s*,\\s*")));
        };
    }

    @Override
    public String toString() {
        return kind == Kind.NAMED ? String.join(",", names) : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
