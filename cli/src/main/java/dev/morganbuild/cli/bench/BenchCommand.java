package dev.morganbuild.cli.bench;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.job.RegistryCredentialsFile;
import dev.morganbuild.engine.job.RegistryLogin;
import dev.morganbuild.engine.job.StackRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code morgan bench}: measures, on a private copy of a stack and with real BuildKit builds, what
 * caching buys and what morgan-build costs on top of plain {@code docker build}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark a stack with real BuildKit builds: morgan-build vs raw docker build, warm vs cold,",
            "code and dependency changes, cache mounts, nightly, parallel, build context size.",
            "Figures are ratios of medians measured in the same run. The stack is copied; your checkout is not touched.",
            "Example:  morgan bench -f examples/morgan-stack/docker-compose.yml --service tts"})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "docker-compose.yml",
            description = "Compose file of the stack to benchmark (default: ${DEFAULT-VALUE}).")
    Path composeFile;

    @Option(names = "--service", paramLabel = "NAME",
            description = "Service for the single-service scenarios (default: tts if the stack has it, else the first).")
    String service;

    @Option(names = {"-n", "--reps"}, paramLabel = "N", defaultValue = "5",
            description = "Repetitions per scenario and side (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--smoke", description = "One repetition and a small checkout: proves the benchmark works (CI).")
    boolean smoke;

    @Option(names = "--scenarios", paramLabel = "LIST", split = ",",
            description = "Scenarios to run (default: all): warm, process, code, cold, nightly, deps, parallel, context, newagent.")
    List<String> scenarios = new ArrayList<>(Bench.SCENARIOS);

    @Option(names = "--apt-package", paramLabel = "PKG", defaultValue = "jq",
            description = "Package the dependency-change scenario adds to the apt-get install line (default: ${DEFAULT-VALUE}).")
    String aptPackage;

    @Option(names = {"-j", "--parallel"}, paramLabel = "N", defaultValue = "4",
            description = "Services built at once in the parallel scenario (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--clutter", paramLabel = "MB", defaultValue = "64",
            description = "MB of model weights, venv, data and logs put into the copy for .dockerignore to keep out (default: ${DEFAULT-VALUE}; --smoke: 4).")
    int clutterMb;

    @Option(names = "--docker", paramLabel = "PATH", description = "Docker client (default: as for morgan build).")
    String docker;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "bench-results",
            description = "Folder for bench.md and bench.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--registry", paramLabel = "HOST[:PORT]", description = "Registry for the newagent scenario's "
            + "registry cache (default: a throwaway docker-registry on a free loopback port, when /usr/bin/docker-registry "
            + "is installed); the bench pushes HOST/morgan-bench-<id>/<service>:cache tags there and leaves them.")
    String registry;

    @Option(names = "--registry-credentials-file", paramLabel = "FILE",
            description = "Credentials for --registry, as for morgan build (default: the docker client's own).")
    Path registryCredentialsFile;

    @Option(names = "--new-agent-engine", paramLabel = "DOCKER_HOST", description = "The second engine of the newagent "
            + "scenario, which the bench EMPTIES before every build there (docker builder prune -af: all its build cache; "
            + "and the images the bench built). Default: a throwaway dockerd under /tmp (needs root and dockerd).")
    String newAgentEngine;

    @Option(names = "--keep", description = "Keep the copied stack and scratch folder (printed at the end).")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        PrintStream log = System.out;
        int n = smoke ? 1 : reps;
        if (n < 1) {
            throw MorganException.of("--reps must be at least 1, not " + reps, "use --reps 5 (the default) or more");
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String s : scenarios) {
            String k = s.trim().toLowerCase(Locale.ROOT);
            if (!Bench.SCENARIOS.contains(k)) {
                throw MorganException.of("unknown scenario '" + s + "'", "use some of " + String.join(",", Bench.SCENARIOS));
            }
            chosen.add(k);
        }
        boolean newAgent = chosen.contains("newagent");
        List<RegistryLogin> logins = registryCredentialsFile == null ? List.of()
                : RegistryCredentialsFile.read(registryCredentialsFile);
        if (newAgent) {
            checkNewAgent();
        }
        Path compose = composeFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(compose)) {
            throw new MorganException(compose.toString(), 0, 0, "compose file not found", "pass the stack's compose file with -f");
        }
        LocalCommandRunner runner = new LocalCommandRunner();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOCKER_BUILDKIT", "1");
        String client = BuildService.local().dockerClient(StackRequest.builder().env(System.getenv()).docker(docker).build());
        Path work = Files.createTempDirectory("morgan-bench-");
        try {
            BenchStack stack = BenchStack.copy(compose, work.resolve("stack"), UUID.randomUUID().toString().substring(0, 8));
            String svc = service != null ? service
                    : stack.serviceNames().contains("tts") ? "tts" : stack.serviceNames().get(0);
            stack.service(svc);
            stack.addCheckoutClutter((smoke ? 4L : clutterMb) * 1_000_000);
            BenchReport report = new BenchReport(machine(runner, client, env), commandLine(n));
            log.printf(Locale.ROOT, "bench: %d repetition(s), service %s, scenarios %s, stack copied to %s%n", n, svc,
                    chosen, stack.root());
            long t0 = System.nanoTime();
            BenchBuilds builds = new BenchBuilds(client, env, work);
            try (ThrowawayRegistry throwaway = newAgent && registry == null
                    ? ThrowawayRegistry.start(work.resolve("registry")) : null;
                 ThrowawayEngine engine = newAgent && newAgentEngine == null
                         ? ThrowawayEngine.start(client, driver(runner, client, env)) : null) {
                Bench bench = new Bench(stack, builds, report, log, n, svc, aptPackage, parallel).smoke(smoke);
                if (newAgent) {
                    String reg = throwaway != null ? throwaway.address() : registry;
                    String host = engine != null ? engine.host() : newAgentEngine;
                    String where = (throwaway != null ? "registry: a throwaway docker-registry on " + reg
                            : "registry: " + reg + " (--registry)") + (engine != null
                            ? ", second engine: a throwaway dockerd" : ", second engine: " + host + " (--new-agent-engine)");
                    bench.newAgent(new NewAgentBench(stack, builds, report, log, client, env, work),
                            new NewAgentBench.Setup(reg, logins, host, where));
                }
                bench.run(chosen);
            }
            log.println();
            log.print(report.table());
            report.write(out);
            log.printf(Locale.ROOT, "bench: %.1f min; figures written to %s/bench.md and bench.json%n",
                    (System.nanoTime() - t0) / 6e10, out.toAbsolutePath());
        } finally {
            if (keep) {
                log.println("bench: kept " + work);
            } else {
                dev.morganbuild.engine.cache.DirectorySize.delete(work);
            }
        }
        return 0;
    }

    /** Refuses, before anything is built, a newagent scenario that could not run here. */
    private void checkNewAgent() {
        if (registry != null && RegistryLogin.configKey(registry) == null) {
            throw MorganException.of("--registry " + registry + " is not a registry", "give HOST[:PORT][/PREFIX], e.g. 127.0.0.1:5000");
        }
        if (registry == null && !ThrowawayRegistry.available()) {
            throw ThrowawayRegistry.unavailable();
        }
        if (newAgentEngine == null && !ThrowawayEngine.available()) {
            throw ThrowawayEngine.unavailable();
        }
    }

    /** The storage driver of the bench's engine, for the second one. */
    private static String driver(LocalCommandRunner runner, String docker, Map<String, String> env)
            throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        runner.run(dev.morganbuild.engine.exec.Command.of(List.of(docker, "info", "--format", "{{.Driver}}")).withEnv(env),
                line -> out.append(line.strip()));
        return out.isEmpty() ? "vfs" : out.toString();
    }

    private String commandLine(int n) {
        return "morgan bench -f " + composeFile + (smoke ? " --smoke" : " --reps " + n)
                + (service != null ? " --service " + service : "")
                + (scenarios.equals(Bench.SCENARIOS) ? "" : " --scenarios " + String.join(",", scenarios));
    }

    /** Cores, memory, kernel and docker versions, for the report. */
    private static String machine(LocalCommandRunner runner, String docker, Map<String, String> env)
            throws InterruptedException {
        StringBuilder version = new StringBuilder();
        try {
            runner.run(dev.morganbuild.engine.exec.Command.of(List.of(docker, "version", "--format", "client {{.Client.Version}}, engine {{.Server.Version}}"))
                    .withEnv(env), line -> version.append(line.trim()));
        } catch (IOException e) {
            version.append("docker version unknown");
        }
        long memBytes = 0;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            memBytes = os.getTotalMemorySize();
        }
        return String.format(Locale.ROOT, "%d cores, %.0f GiB RAM, %s %s, docker %s, Java %s",
                Runtime.getRuntime().availableProcessors(), memBytes / (double) (1L << 30),
                System.getProperty("os.name"), System.getProperty("os.version"), version,
                System.getProperty("java.version"));
    }
}
