package dev.morganbuild.engine.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;

/**
 * A random compose project for the differential test, made only of what docker-compose 1.29 and the
 * specification agree on: one to three {@code -f} files (the later ones override services of the
 * first), short and long build forms, contexts in sub-folders and above a {@code docker/} folder,
 * targets, args as mappings and lists with {@code ${VAR}}, {@code ${VAR:-d}}, {@code ${VAR-d}} from
 * the environment or a {@code .env}, {@code $$}, anchors with {@code <<:}, {@code extends} chains
 * inside the first file, images and profiles. Override files leave the bases of {@code extends}
 * alone: docker-compose 1.29 resolves {@code extends} after merging the files, the specification
 * (and Compose v2) per file before merging.
 */
final class GeneratedProject {
    private static final String[] CONTEXTS = {".", "svc/a", "svc/b"};
    private static final String[] STAGES = {"base", "runtime", "gpu"};
    private static final String DOCKERFILE = "FROM python:3.11-slim AS base\nFROM base AS runtime\n"
            + "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04 AS gpu\n";

    private final Random r;
    private final Path root;
    private final Map<String, String> vars = new TreeMap<>();
    /** Services another extends: 1.29 resolves extends after merging files, the specification per file. */
    private final java.util.Set<String> bases = new java.util.HashSet<>();

    private GeneratedProject(long seed, Path root) {
        this.r = new Random(seed);
        this.root = root;
    }

    /** Writes the project into {@code root} and returns its case properties. */
    static Properties write(long seed, Path root) throws IOException {
        return new GeneratedProject(seed, root).write();
    }

    private Properties write() throws IOException {
        for (String c : CONTEXTS) {
            Files.createDirectories(root.resolve(c));
            Files.writeString(root.resolve(c).resolve("Dockerfile"), DOCKERFILE);
            Files.writeString(root.resolve(c).resolve("alt.Dockerfile"), DOCKERFILE);
        }
        boolean docker = r.nextBoolean(); // compose files in docker/, contexts start with ../
        Path dir = docker ? root.resolve("docker") : root;
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("dir", docker ? "docker" : ".");
        int nServices = 1 + r.nextInt(5);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < nServices; i++) {
            names.add("s" + i + (r.nextBoolean() ? "-gpu" : ""));
        }
        List<String> files = new ArrayList<>(List.of("docker-compose.yml"));
        Files.writeString(dir.resolve("docker-compose.yml"), first(names, docker));
        int overrides = r.nextInt(3);
        for (int i = 1; i <= overrides; i++) {
            String name = "override-" + i + ".yml";
            String text = override(names, docker);
            if (text != null) { // 1.29 takes a file without services for a version 1 file
                Files.writeString(dir.resolve(name), text);
                files.add(name);
            }
        }
        if (overrides > 0 || r.nextBoolean()) {
            p.setProperty("files", String.join(":", files));
        }
        Map<String, String> dotenv = new TreeMap<>();
        vars.forEach((k, v) -> {
            int where = r.nextInt(3); // environment, .env, or both (the environment wins)
            if (where != 1) {
                p.setProperty("env." + k, v);
            }
            if (where != 0) {
                dotenv.put(k, where == 2 ? v + "-dotenv" : v);
            }
        });
        if (!dotenv.isEmpty()) {
            StringBuilder sb = new StringBuilder("# generated\n");
            dotenv.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
            Files.writeString(dir.resolve(".env"), sb.toString());
        }
        if (r.nextBoolean()) {
            p.setProperty("profiles", r.nextBoolean() ? "gpu" : "gpu,dev");
        }
        return p;
    }

    private String first(List<String> names, boolean docker) {
        StringBuilder sb = new StringBuilder();
        boolean anchor = r.nextBoolean();
        if (anchor) {
            sb.append("x-args: &args\n  SHARED: \"").append(r.nextInt(100)).append("\"\n  PY: ").append(value()).append('\n');
        }
        sb.append("services:\n");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            sb.append("  ").append(name).append(":\n");
            if (i > 0 && r.nextInt(3) == 0) {
                String base = names.get(r.nextInt(i));
                bases.add(base);
                sb.append("    extends:\n      service: ").append(base).append('\n');
                if (r.nextBoolean()) {
                    sb.append("    build:\n      args:\n        FROM_CHILD: ").append(value()).append('\n');
                }
            } else {
                build(sb, docker, anchor);
            }
            if (r.nextBoolean()) {
                sb.append("    image: registry.example.com/").append(name).append(':').append(r.nextInt(10)).append('\n');
            }
            if (r.nextInt(3) == 0) {
                sb.append("    profiles: [").append(r.nextBoolean() ? "gpu" : "dev").append("]\n");
            }
        }
        return sb.toString();
    }

    private void build(StringBuilder sb, boolean docker, boolean anchor) {
        String context = (docker ? "../" : "") + CONTEXTS[r.nextInt(CONTEXTS.length)];
        if (r.nextInt(4) == 0) {
            sb.append("    build: ").append(context.equals("../.") ? ".." : context).append('\n');
            return;
        }
        sb.append("    build:\n      context: ").append(context).append('\n');
        if (r.nextBoolean()) {
            sb.append("      dockerfile: ").append(r.nextBoolean() ? "alt.Dockerfile" : "Dockerfile").append('\n');
        }
        if (r.nextBoolean()) {
            sb.append("      target: ").append(STAGES[r.nextInt(STAGES.length)]).append('\n');
        }
        args(sb, anchor);
    }

    private void args(StringBuilder sb, boolean anchor) {
        int n = r.nextInt(4);
        if (n == 0 && !anchor) {
            return;
        }
        if (r.nextBoolean() && !anchor) {
            sb.append("      args:\n");
            for (int k = 0; k < n; k++) {
                sb.append("        - A").append(r.nextInt(6)).append('=').append(value().replace("\"", "")).append('\n');
            }
            return;
        }
        sb.append("      args:\n");
        if (anchor) {
            sb.append("        <<: *args\n");
        }
        for (int k = 0; k < n; k++) {
            sb.append("        M").append(k).append(": ").append(value()).append('\n');
        }
    }

    private String override(List<String> names, boolean docker) {
        StringBuilder sb = new StringBuilder("services:\n");
        for (String name : names) {
            if (r.nextBoolean() || bases.contains(name)) {
                continue;
            }
            sb.append("  ").append(name).append(":\n    build:\n");
            if (r.nextInt(3) == 0) {
                sb.append("      context: ").append(docker ? "../" : "").append(CONTEXTS[r.nextInt(CONTEXTS.length)]).append('\n');
            }
            if (r.nextBoolean()) {
                sb.append("      target: ").append(STAGES[r.nextInt(STAGES.length)]).append('\n');
            }
            sb.append("      args:\n        M0: ").append(value()).append("\n        O").append(r.nextInt(3)).append(": ")
                    .append(value()).append('\n');
            if (r.nextBoolean()) {
                sb.append("    image: override/").append(name).append(":o").append(r.nextInt(5)).append('\n');
            }
        }
        return sb.length() == "services:\n".length() ? null : sb.toString();
    }

    /** A quoted arg value: plain, $$-escaped, or an interpolation whose variable may be set. */
    private String value() {
        String var = "V" + r.nextInt(5);
        String set = "v" + r.nextInt(100);
        return switch (r.nextInt(6)) {
            case 0 -> "\"plain-" + r.nextInt(100) + "\"";
            case 1 -> "\"cost$$" + r.nextInt(10) + "\"";
            case 2 -> "\"${" + var + ":-def" + r.nextInt(10) + "}\"";
            case 3 -> "\"${" + var + "-dash" + r.nextInt(10) + "}\"";
            case 4 -> {
                vars.putIfAbsent(var, set);
                yield "\"${" + var + "}\"";
            }
            default -> {
                vars.putIfAbsent(var, set);
                yield "\"pre-$" + var + "\"";
            }
        };
    }
}
