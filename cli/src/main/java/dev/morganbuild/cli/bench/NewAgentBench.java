package dev.morganbuild.cli.bench;

import dev.morganbuild.cli.bench.BenchBuilds.MorganRun;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.job.RegistryLogin;
import dev.morganbuild.engine.job.StackRequest;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.stack.Stack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The newagent scenario: what the registry cache ({@code x-morgan.cache.mode: registry}) buys a new agent.
 * The bench's engine builds the services with the registry cache and pushes their cache tags; then, on a
 * second engine that is emptied before every build, the services are built cold (the stack as written)
 * and from the registry cache, interleaved and in alternating order. The base images are moved to the
 * second engine once beforehand ({@code docker save | docker load}), as a new agent that has pulled them.
 */
final class NewAgentBench {
    private final BenchStack stack;
    private final BenchBuilds builds;
    private final BenchReport report;
    private final PrintStream log;
    private final String docker;
    private final Map<String, String> env;
    private final Path work;
    private final LocalCommandRunner runner = new LocalCommandRunner();

    /**
     * Where the scenario runs.
     *
     * @param registry    the registry the cache goes to, {@code host[:port]}
     * @param logins      its credentials, if it asks for a login (none: the docker client's own)
     * @param engineHost  the DOCKER_HOST of the second engine, which the scenario empties
     * @param description how the registry and the engine came to be, for the report
     */
    record Setup(String registry, List<RegistryLogin> logins, String engineHost, String description) {
        Setup {
            logins = List.copyOf(logins);
        }
    }

    NewAgentBench(BenchStack stack, BenchBuilds builds, BenchReport report, PrintStream log, String docker,
                  Map<String, String> env, Path work) {
        this.stack = stack;
        this.builds = builds;
        this.report = report;
        this.log = log;
        this.docker = docker;
        this.env = Map.copyOf(env);
        this.work = work;
    }

    /** Measures {@code services}, {@code reps} times each side, and adds the figure. */
    void run(Setup setup, List<String> services, int reps) throws IOException, InterruptedException {
        String ref = setup.registry() + "/morgan-bench-" + Long.toHexString(System.nanoTime());
        List<Path> withCache = List.of(stack.composeFile(), registryCache(ref));
        List<Path> asWritten = List.of(stack.composeFile());

        log.println("bench: newagent: building " + services + " with the registry cache " + ref + " and pushing it");
        MorganRun export = builds.morgan(withCache, services, null, "newagent-export", setup.logins());
        for (BuildRecord r : export.records()) {
            r.warnings().stream().filter(w -> w.contains("registry cache")).findFirst().ifPresent(w -> {
                throw new IllegalStateException("newagent: the registry cache was not written, so there is nothing "
                        + "to measure: " + w);
            });
        }
        moveBaseImages(services, setup.engineHost());

        List<Long> cold = new ArrayList<>();
        List<Long> cached = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        Set<String> built = new LinkedHashSet<>();
        for (int i = 0; i < reps; i++) {
            for (boolean fromCache : i % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                empty(setup.engineHost(), built);
                MorganRun run = builds.morgan(fromCache ? withCache : asWritten, services, setup.engineHost(),
                        fromCache ? "newagent-cache" : "newagent-cold", setup.logins());
                (fromCache ? cached : cold).add(run.millis());
                run.records().stream().map(BuildRecord::imageId).filter(id -> id != null).forEach(built::add);
                int c = run.records().stream().mapToInt(BuildRecord::stepsCached).sum();
                int t = run.records().stream().mapToInt(BuildRecord::stepsTotal).sum();
                if (fromCache) {
                    steps.add(c + "/" + t);
                    run.records().forEach(r -> r.warnings().stream().filter(w -> w.contains("registry cache"))
                            .forEach(warnings::add));
                }
                log.printf(Locale.ROOT, "bench: newagent %d/%d %s: %.1f s, %d/%d steps cached%n", i + 1, reps,
                        fromCache ? "from the registry cache" : "cold", run.millis() / 1000.0, c, t);
            }
        }
        empty(setup.engineHost(), built);
        untag(withCache, services);
        String what = services.size() == 1 ? services.get(0) : "whole stack (" + services.size() + " services)";
        Figure f = Figure.time("new agent (empty second engine), " + what + ": cold / from the registry cache "
                + "(morgan-build)", "cold", cold, "registry cache", cached, ">= 5");
        report.add(f);
        log.printf(Locale.ROOT, "bench: %-80s %.2f%n", f.name(), f.ratio());
        report.note(String.format(Locale.ROOT, "newagent: %s; the cache was written by the bench's engine in "
                + "%.1f s (build with the inline-cache arg and push of the cache tags); steps cached in the builds "
                + "from the registry cache: %s; the second engine was emptied before every build (docker builder "
                + "prune -af, the built images removed), its base images loaded once beforehand", setup.description(),
                export.millis() / 1000.0, String.join(", ", steps)));
        warnings.forEach(w -> report.note("newagent: a build from the registry cache warned: " + w));
    }

    /** A compose file merged over the stack's that turns on the registry cache under {@code ref}. */
    private Path registryCache(String ref) throws IOException {
        return Files.writeString(stack.root().resolve("morgan-bench-registry-cache.yml"),
                "x-morgan:\n  cache:\n    mode: registry\n    ref: " + ref + "\n", StandardCharsets.UTF_8);
    }

    /** Every image the services' Dockerfiles start a stage from, saved from this engine and loaded there. */
    private void moveBaseImages(List<String> services, String host) throws IOException, InterruptedException {
        List<String> images = BuildService.baseImages(stack.stack(), services);
        Path tar = work.resolve("newagent-base-images.tar");
        List<String> save = new ArrayList<>(List.of(docker, "save", "-o", tar.toString()));
        save.addAll(images);
        docker(save, null);
        docker(List.of(docker, "load", "-i", tar.toString()), host);
        Files.delete(tar);
    }

    /**
     * The second engine as a new agent has it: no build cache (cache mounts included) and none of the
     * images the bench built there; other images (the base images) stay.
     */
    private void empty(String host, Set<String> built) throws IOException, InterruptedException {
        docker(List.of(docker, "builder", "prune", "-af"), host);
        if (!built.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of(docker, "rmi", "-f"));
            argv.addAll(built);
            docker(argv, host);
            built.clear();
        }
    }

    /** Takes the cache tags off this engine's images (the registry keeps them), as the merged stack names them. */
    private void untag(List<Path> composeFiles, List<String> services) throws InterruptedException {
        Stack merged = BuildService.local().stack(StackRequest.builder().workingDir(stack.root())
                .composeFiles(composeFiles).trustRoot(stack.root()).env(System.getenv()).build());
        for (String s : services) {
            String tag = merged.service(s).settings().registryCacheRef(s);
            try {
                runner.run(command(List.of(docker, "rmi", tag), null), line -> { });
            } catch (IOException ignored) {
                // a tag left behind costs nothing but a name
            }
        }
    }

    private void docker(List<String> argv, String host) throws IOException, InterruptedException {
        List<String> tail = new ArrayList<>();
        int exit = runner.run(command(argv, host), line -> {
            if (tail.size() == 5) {
                tail.remove(0);
            }
            tail.add(line);
        });
        if (exit != 0) {
            throw new IOException(String.join(" ", argv) + (host == null ? "" : " (DOCKER_HOST=" + host + ")")
                    + " failed with exit " + exit + ": " + String.join(" / ", tail));
        }
    }

    private Command command(List<String> argv, String host) {
        Map<String, String> e = new java.util.LinkedHashMap<>(env);
        if (host != null) {
            e.put("DOCKER_HOST", host);
        }
        return Command.of(argv).withEnv(e);
    }
}
