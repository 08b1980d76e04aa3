package dev.morganbuild.benchmarks;

import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.StepRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Inputs for the benchmarks, generated (seeded) in the shape of real ones. */
public final class Workloads {
    /** The service whose trend the trend benchmark queries. */
    public static final String SERVICE = "tts";

    private Workloads() {
    }

    /**
     * A {@code docker build --progress=plain} log of about {@code targetBytes}, shaped like the
     * example stack's real cold builds: steps with headers and digests, apt and pip output with
     * timestamps, CACHED steps, context transfers and DONE lines.
     */
    public static List<String> plainLog(long targetBytes) {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        int step = 1;
        String[] pkgs = {"libpython3.11-minimal", "python3.11", "libexpat1", "ca-certificates", "libssl3",
            "python3-venv", "python3-setuptools", "python3-wheel", "libsqlite3-0", "libgssapi-krb5-2"};
        while (bytes < targetBytes) {
            List<String> block = new ArrayList<>();
            int kind = step % 5;
            block.add("#" + step + " [app " + (step % 4 + 1) + "/4] RUN --mount=type=cache,target=/var/cache/apt "
                    + "apt-get update -qq && apt-get install -y --no-install-recommends python3 python3-venv");
            block.add("#" + step + " sha256:" + hex(random, 64));
            if (kind == 0) {
                block.add("#" + step + " CACHED");
            } else if (kind == 1) {
                block.add("#" + step + " transferring context: " + random.nextInt(900) + "." + random.nextInt(99) + "kB done");
                block.add("#" + step + " DONE 0." + random.nextInt(9) + "s");
            } else {
                double t = 0.1;
                int outputLines = 40 + random.nextInt(80);
                for (int i = 0; i < outputLines; i++) {
                    t += random.nextDouble() * 0.05;
                    String pkg = pkgs[random.nextInt(pkgs.length)];
                    String text = switch (i % 4) {
                        case 0 -> "Get:" + i + " http://deb.debian.org/debian bookworm/main amd64 " + pkg + " amd64 3.11.2-6 ["
                                + random.nextInt(2000) + " kB]";
                        case 1 -> "Unpacking " + pkg + ":amd64 (3.11.2-6+deb12u1) ...";
                        case 2 -> "Setting up " + pkg + ":amd64 (3.11.2-6+deb12u1) ...";
                        default -> "Selecting previously unselected package " + pkg + ".";
                    };
                    block.add(String.format(java.util.Locale.ROOT, "#%d %.3f %s", step, t, text));
                }
                block.add(String.format(java.util.Locale.ROOT, "#%d DONE %.1fs", step, t));
            }
            block.add("");
            for (String l : block) {
                lines.add(l);
                bytes += l.getBytes(StandardCharsets.UTF_8).length + 1;
            }
            step++;
        }
        lines.add("#" + step + " exporting to image");
        lines.add("#" + step + " writing image sha256:" + hex(random, 64) + " done");
        lines.add("#" + step + " naming to docker.io/morgan-stack/tts:latest done");
        lines.add("#" + step + " DONE 0.2s");
        return lines;
    }

    /** Bytes of a log, newlines included, as docker wrote them. */
    public static long bytes(List<String> lines) {
        long n = 0;
        for (String l : lines) {
            n += l.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return n;
    }

    /**
     * A realistic finished record of build {@code n}: eight steps; two of three builds warm (six steps
     * cached), every third a nightly rebuild; step times vary by about 8 %, and for 100 builds in every
     * 2,000 the pip step is 80 % slower (the build 40 %: a regression, later fixed), as real histories go.
     */
    public static BuildRecord record(String service, int n, Random random) {
        boolean warm = n % 3 != 0;
        boolean regressed = n % 2000 >= 1000 && n % 2000 < 1100;
        List<StepRecord> steps = new ArrayList<>();
        String[] names = {"[base 1/2] FROM docker.io/morgan/debian:bookworm", "[base 2/2] RUN apt-get install -y python3",
            "[deps 1/4] COPY services/tts/requirements.txt /opt/tts/requirements.txt", "[deps 2/4] RUN python3 -m venv /opt/venv",
            "[deps 3/4] COPY shared/morgan_shared /src/morgan_shared", "[deps 4/4] RUN /opt/venv/bin/pip install -r req.txt",
            "[app 1/2] COPY services/tts/app /srv/tts", "[app 2/2] RUN /opt/venv/bin/python -m compileall -q /srv/tts"};
        long[] typical = {300, 20_000, 100, 3_000, 200, 25_000, 150, 1_200};
        int cached = 0;
        long total = 0;
        for (int i = 0; i < names.length; i++) {
            boolean hit = warm && i < 6;
            double factor = 1 + (random.nextDouble() - 0.5) * 0.16 + (regressed && i == 5 ? 0.8 : 0);
            long ms = hit ? 0 : Math.round(typical[i] * factor);
            total += ms;
            cached += hit ? 1 : 0;
            String instruction = names[i].contains("RUN") ? "RUN" : names[i].contains("COPY") ? "COPY" : "FROM";
            steps.add(new StepRecord(i + 1, names[i], names[i].substring(1, names[i].indexOf(' ')), instruction, ms, hit,
                    hit ? StepRecord.StepStatus.CACHED : StepRecord.StepStatus.DONE));
        }
        Instant start = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(600L * n);
        return new BuildRecord(BuildRecord.SCHEMA, UUID.randomUUID().toString(), "run-" + n, service,
                List.of("morgan-stack/" + service + ":latest"), "sha256:" + hex(random, 64), null, start, total + 800,
                steps, cached, names.length, warm ? BuildKind.WARM : BuildKind.NO_CACHE, !warm, null, "agent-1",
                "builtin", BuildStatus.SUCCESS, 0, 12_345, true, "0123456789abcdef0123456789abcdef01234567", List.of(), null, null, null);
    }

    /**
     * A history with {@code builds} builds of {@link #SERVICE} and one of {@code core} for every ten,
     * written by the real {@link HistoryStore} (one fsynced append each) into
     * {@code <cacheDir>/history-<builds>}, and reused from there by later runs.
     */
    public static Path history(Path cacheDir, int builds) throws IOException {
        Path dir = cacheDir.resolve("history-" + builds);
        Path done = dir.resolve(".complete");
        if (Files.exists(done)) {
            return dir;
        }
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        HistoryStore store = new HistoryStore(dir);
        Random random = new Random(11);
        for (int i = 0; i < builds; i++) {
            store.append(record(SERVICE, i, random));
            if (i % 10 == 0) {
                store.append(record("core", i, random));
            }
        }
        Files.writeString(done, builds + "\n");
        return dir;
    }

    /**
     * A compose project of {@code services} services under {@code dir}: multi-stage Dockerfiles with
     * cache mounts, build args, depends_on chains, GPU reservations and CUDA bases, and x-morgan.
     */
    public static Path composeProject(Path dir, int services) throws IOException {
        Files.createDirectories(dir);
        StringBuilder compose = new StringBuilder("name: bench\nx-morgan:\n  gpu-label: gpu\n  cpu-label: docker\n"
                + "  cache:\n    budget: 20GiB\n  nightly:\n    cache-mounts: keep\nservices:\n");
        for (int i = 0; i < services; i++) {
            String name = "svc" + i;
            boolean cuda = i % 4 == 2;
            Path sdir = Files.createDirectories(dir.resolve("services").resolve(name));
            Files.writeString(sdir.resolve("Dockerfile"), (cuda ? "ARG BASE=nvidia/cuda:12.4.1-runtime-ubuntu22.04\n"
                    : "ARG BASE=debian:bookworm-slim\n")
                    + "FROM ${BASE} AS base\n"
                    + "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y python3\n"
                    + "FROM base AS deps\nCOPY services/" + name + "/requirements.txt /r.txt\n"
                    + "RUN --mount=type=cache,target=/root/.cache/pip pip install -r /r.txt\n"
                    + "FROM deps AS app\nCOPY services/" + name + "/app /srv/app\nCMD [\"python3\", \"-m\", \"app\"]\n");
            compose.append("  ").append(name).append(":\n    build:\n      context: .\n      dockerfile: services/")
                    .append(name).append("/Dockerfile\n      target: app\n      args:\n        VERSION: \"1.").append(i)
                    .append("\"\n      labels:\n        org.opencontainers.image.title: ").append(name).append('\n')
                    .append("    image: bench/").append(name).append(":latest\n");
            if (i > 0 && i % 5 != 0) {
                compose.append("    depends_on:\n      - svc").append(i - 1 - (i % 3 == 0 ? 1 : 0)).append('\n');
            }
            if (i % 8 == 3) {
                compose.append("    deploy:\n      resources:\n        reservations:\n          devices:\n"
                        + "            - driver: nvidia\n              count: 1\n              capabilities: [gpu]\n");
            }
            if (i % 7 == 0) {
                compose.append("    x-morgan:\n      smoke-test: [\"python3\", \"-c\", \"print(1)\"]\n");
            }
        }
        Files.writeString(dir.resolve("docker-compose.yml"), compose.toString());
        return dir.resolve("docker-compose.yml");
    }

    private static String hex(Random random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }
}
