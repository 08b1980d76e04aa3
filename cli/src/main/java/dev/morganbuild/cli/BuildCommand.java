package dev.morganbuild.cli;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.job.StackBuildResult;
import dev.morganbuild.engine.job.StackRequest;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.trend.QualityGate;
import dev.morganbuild.engine.trend.RegressionDetector;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build services with BuildKit, record per-step times, keep per-machine caches.",
            "Examples:  morgan build --all   morgan build tts stt   morgan build --cuda --nightly"})
final class BuildCommand implements Callable<Integer> {
    /** Latest builds per service the gate looks at: the detector's window and streak, with room. */
    private static final int GATE_BUILDS = 50;

    @Mixin
    StackOptions stackOptions;

    @ArgGroup(exclusive = false)
    SelectionOptions selection = new SelectionOptions();

    @Mixin
    PlanCommand.CacheModeOptions cacheMode;

    @Option(names = {"-j", "--parallel"}, paramLabel = "N", defaultValue = "2",
            description = "Services built at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--docker", paramLabel = "PATH",
            description = "Docker client (default: $MORGAN_DOCKER, else the first of docker, /usr/bin/docker that can run BuildKit builds).")
    String docker;

    @Option(names = "--backend", paramLabel = "buildx|builtin",
            description = "BuildKit back end (default: detect; the engine's built-in BuildKit when the client can drive it, else buildx).")
    String backend;

    @Option(names = "--builder", paramLabel = "NAME", defaultValue = "morgan",
            description = "buildx builder to use (buildx back end; default: ${DEFAULT-VALUE}).")
    String builder;

    @Option(names = "--network", paramLabel = "NET",
            description = "Network for RUN steps when the compose file names none (default: host if the engine has no bridge network).")
    String network;

    @Option(names = "--budget", paramLabel = "SIZE", description = "Cache byte budget, e.g. 20GiB (default: x-morgan cache.budget).")
    String budget;

    @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "Extra build arg for every service.")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "Extra tag for every built image.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage instead of the compose target.")
    String target;

    @Option(names = "--push", description = "Push each service's tags after a successful build, with the docker "
            + "client's credentials (docker login); the record keeps each pushed tag's digest. A failed push fails the service.")
    boolean push;

    @Option(names = "--registry", paramLabel = "HOST[:PORT][/PREFIX]", description = "With --push: tag each service's "
            + "image in this registry too (morgan-stack/core:latest -> HOST/morgan-stack/core:latest) and push those tags "
            + "instead of the compose file's.")
    String registry;

    @Option(names = "--registry-credentials-file", paramLabel = "FILE", description = "Registry credentials for this "
            + "build's docker client (push, base images, registry cache), instead of docker login's: JSON "
            + "{\"registry\": \"HOST[:PORT]\", \"username\": \"...\", \"password\": \"...\"}, or docker's "
            + "config.json {\"auths\": {...}} shape. Given to docker in a private DOCKER_CONFIG, deleted after the build.")
    java.nio.file.Path registryCredentialsFile;

    @Option(names = "--timings", description = "Print where the call spent its time: JVM start, parse, plan, probe, prune, lock, docker, record.")
    boolean timings;

    @Option(names = "--smoke-test", description = "Run each service's x-morgan smoke-test in the built image.")
    boolean smokeTest;

    @Option(names = "--node", paramLabel = "NAME", description = "Machine name recorded in each build (default: host name).")
    String node;

    @Option(names = "--progress", paramLabel = "plain|rawjson", defaultValue = "plain",
            description = "BuildKit progress format to parse with the buildx back end (rawjson needs buildx 0.13+; default: ${DEFAULT-VALUE}).")
    String progress;

    @Option(names = "--json", description = "Print the build records as JSON lines at the end.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No live status lines.")
    boolean quiet;

    @Option(names = "--fail-on-regression", description = "Quality gate: exit 5 when every service built but this "
            + "build completes a sustained build-time regression (the rule of `morgan report`) or a service took longer "
            + "than its x-morgan.budget; each finding is printed on a line starting with GATE.")
    boolean failOnRegression;

    @Option(names = "--fail-fast", description = "Stop at the first failed service (default: build every service that does not depend on it).")
    boolean failFast;

    @Override
    public Integer call() throws Exception {
        if (parallel < 1) {
            throw MorganException.of("--parallel must be 1 or more, not " + parallel, "pass e.g. -j 2");
        }
        StackRequest request = request();
        stackOptions.checkWritableFolders();
        BuildService engine = BuildService.local();
        BuildService.Prepared prepared = engine.prepare(request);
        Plan plan = prepared.plan();
        if (plan.services().isEmpty()) {
            System.out.println("nothing to build for " + plan.selection());
            return MorganCli.OK;
        }
        PrintStream out = System.out;
        StatusPrinter status = new StatusPrinter(out, plan, !quiet && System.console() != null, quiet);
        // SIGINT/SIGTERM: interrupt the build (which stops docker build processes) and let it clean
        // up before the JVM halts.
        Thread main = Thread.currentThread();
        java.util.concurrent.CountDownLatch cleaned = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            main.interrupt();
            try {
                cleaned.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            // exit code 130 for SIGTERM too (the JVM's own would be 143), as documented
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(MorganCli.INTERRUPTED);
        }, "morgan-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        StackBuildResult result;
        PhaseTimings phases = timings ? new PhaseTimings(status, MorganCli.STARTED_NANOS) : null;
        if (phases != null) {
            phases.buildStarting();
        }
        try {
            result = engine.build(prepared, phases != null ? phases : status);
        } catch (InterruptedException e) {
            System.err.println("morgan: interrupted; running docker builds were stopped");
            throw e;
        } finally {
            status.close();
            cleaned.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of a signal; the hook interrupted the build
            }
        }
        out.print(SummaryTable.render(result.records()));
        HistoryWarnings.print(new HistoryStore(stackOptions.historyDir()), out);
        if (phases != null) {
            phases.print(out);
        }
        if (json) {
            for (var r : result.records()) {
                out.println(Json.mapper().writeValueAsString(r));
            }
        }
        int gate = failOnRegression ? gate(result, out) : MorganCli.OK;
        return result.succeeded() ? gate : MorganCli.BUILD_FAILED;
    }

    /** The engine's quality gate over this build's records: prints each finding, answers the exit code. */
    private int gate(StackBuildResult result, PrintStream out) throws java.io.IOException {
        List<String> failures = QualityGate.failures(new HistoryStore(stackOptions.historyDir()), result.records(),
                RegressionDetector.defaults().band(), GATE_BUILDS);
        failures.forEach(f -> out.println("GATE " + f));
        return failures.isEmpty() ? MorganCli.OK : MorganCli.GATE_FAILED;
    }

    /** This command line as the engine's request. */
    StackRequest request() {
        return stackOptions.request()
                .selection(selection.selection())
                .noCache(cacheMode.noCache).nightly(cacheMode.nightly).cacheMounts(cacheMode.mountPolicy())
                .parallelism(parallel)
                .docker(docker)
                .backend(backend)
                .builderName(builder)
                .network(network)
                .cacheBudgetBytes(budget == null ? null : ByteSize.parse(budget))
                .buildArgEntries(buildArgs)
                .tags(tags)
                .target(target)
                .smokeTest(smokeTest)
                .push(push)
                .registry(registry)
                .registryLogins(registryCredentialsFile == null ? List.of()
                        : dev.morganbuild.engine.job.RegistryCredentialsFile.read(registryCredentialsFile))
                .node(node != null ? node : hostName())
                .progress(progress)
                .failFast(failFast)
                .build();
    }

    /**
     * This machine's name as the kernel knows it (what {@code hostname} prints), read from /proc on Linux:
     * {@link InetAddress#getLocalHost()} gives the same name but first resolves it, a DNS query on a machine
     * whose name is not in /etc/hosts. Elsewhere, and where /proc cannot be read, that is what it asks.
     */
    static String hostName() {
        try {
            String name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or no /proc: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
