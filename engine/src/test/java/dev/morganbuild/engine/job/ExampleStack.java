package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.fail;

import dev.morganbuild.engine.MorganException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Test support: a salted copy of examples/morgan-stack and the Docker engine the ITs must have. */
final class ExampleStack {
    static final Path SOURCE = locate();

    private ExampleStack() {
    }

    private static Path locate() {
        for (Path p : List.of(Path.of("../examples/morgan-stack"), Path.of("examples/morgan-stack"))) {
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("examples/morgan-stack not found from " + Path.of("").toAbsolutePath());
    }

    /**
     * Copies the example stack into {@code dest}, adding {@code ENV MORGAN_IT_SALT=<salt>} to every
     * Dockerfile's first stage, so this copy's layers are new to the engine's layer cache (a cold
     * build) while its apt/pip cache mounts stay shared with earlier builds, as on a real agent.
     */
    static Path copy(Path dest, String salt) {
        try (Stream<Path> files = Files.walk(SOURCE)) {
            for (Path src : (Iterable<Path>) files::iterator) {
                Path to = dest.resolve(SOURCE.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(src, to);
                }
            }
            try (Stream<Path> dockerfiles = Files.walk(dest)) {
                for (Path df : dockerfiles.filter(p -> p.getFileName().toString().equals("Dockerfile")).toList()) {
                    String text = Files.readString(df, StandardCharsets.UTF_8);
                    text = text.replaceFirst("(?m)^(FROM .* AS base)$", "$1\nENV MORGAN_IT_SALT=" + salt);
                    Files.writeString(df, text, StandardCharsets.UTF_8);
                }
            }
            return dest.resolve("docker-compose.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The docker client to use; fails (never skips) the test when no BuildKit engine answers. */
    static String dockerOrFail(Map<String, String> env) {
        try {
            Map<String, String> all = new LinkedHashMap<>(System.getenv());
            all.putAll(env);
            return BuildService.local().dockerClient(StackRequest.builder().env(all).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } catch (MorganException e) {
            return fail("integration tests need a Docker engine with BuildKit (run scripts/test.sh, which starts "
                    + "one): " + e.getMessage());
        }
    }

    static Map<String, String> dockerEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOCKER_BUILDKIT", "1");
        return env;
    }

    private static final Pattern NEED = Pattern.compile(
            "Need to get ([0-9.,]+ [kMG]?B)(?:/([0-9.,]+ [kMG]?B))? of archives");

    /**
     * apt's "Need to get A/B of archives": A is what it downloads, B what the packages weigh; with a
     * warm apt cache mount A is smaller than B (and 0 B when everything was cached).
     *
     * @return {downloaded, total} in bytes, or null when apt printed no such line
     */
    static long[] aptDownload(List<String> lines) {
        for (String line : lines) {
            Matcher m = NEED.matcher(line);
            if (m.find()) {
                long got = bytes(m.group(1));
                long total = m.group(2) == null ? got : bytes(m.group(2));
                return new long[] {got, total};
            }
        }
        return null;
    }

    private static long bytes(String text) {
        String[] parts = text.replace(",", "").split(" ");
        double n = Double.parseDouble(parts[0]);
        return (long) switch (parts[1]) {
            case "kB" -> n * 1e3;
            case "MB" -> n * 1e6;
            case "GB" -> n * 1e9;
            default -> n;
        };
    }
}
