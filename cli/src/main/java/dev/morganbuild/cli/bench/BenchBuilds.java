package dev.morganbuild.cli.bench;

import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.exec.LineSink;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.job.RegistryLogin;
import dev.morganbuild.engine.job.StackBuildResult;
import dev.morganbuild.engine.job.StackRequest;
import dev.morganbuild.engine.plan.Selection;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.CacheMountPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the benchmark's builds two ways: through morgan-build (the engine's {@link BuildService}, in this
 * JVM, with progress parsing, cache locks and history appends, as the Jenkins step runs it) and as the
 * raw {@code docker build} argv that morgan-build itself produced for the same build, with its output
 * discarded, which is the least a hand-written script could cost.
 */
final class BenchBuilds {
    /** How a build treats the layer cache. */
    enum Mode { WARM, COLD, NIGHTLY }

    private final String docker;
    private final Map<String, String> env;
    private final Path work;
    private final Map<String, Command> lastArgv = new ConcurrentHashMap<>();
    private boolean reuseFacts = true;

    BenchBuilds(String docker, Map<String, String> env, Path work) {
        this.docker = docker;
        this.env = Map.copyOf(env);
        this.work = work;
    }

    /**
     * A finished morgan-build run.
     *
     * @param millis      wall time of the whole call
     * @param records     the records of its services
     * @param buildMillis time spent in docker build processes
     * @param factsMillis time spent in the other commands it ran (engine probes)
     */
    record MorganRun(long millis, List<BuildRecord> records, long buildMillis, long factsMillis) {
        /** What morgan-build spent outside any process it ran: locks, budget, ledger, parsing, records. */
        long inJvmMillis() {
            return millis - buildMillis - factsMillis;
        }
    }

    /**
     * Whether morgan-build calls reuse what they learnt about the engine for a minute, as a long-lived
     * process (a Jenkins agent) does; false probes before every call, as a one-shot CLI call does.
     */
    void reuseFacts(boolean value) {
        reuseFacts = value;
    }

    /**
     * Bytes BuildKit transfers for a Dockerfile that copies the whole context ({@code COPY . /}), i.e.
     * everything the context's .dockerignore lets through; the image is thrown away.
     */
    long wholeContextBytes(Path context) throws IOException, InterruptedException {
        Path dockerfile = work.resolve("context-probe/Dockerfile");
        Files.createDirectories(dockerfile.getParent());
        Files.writeString(dockerfile, "FROM scratch\nCOPY . /context\n", StandardCharsets.UTF_8);
        return BuildService.local().contextBytes(docker, env, dockerfile, context);
    }

    /** Builds {@code services} of the stack of {@code composeFile} through morgan-build and times the whole call. */
    MorganRun morgan(Path composeFile, List<String> services, Mode mode, int parallelism)
            throws IOException, InterruptedException {
        StackRequest request = StackRequest.builder().workingDir(composeFile.getParent()).composeFile(composeFile)
                .env(processEnv()).docker(docker)
                .cacheRoot(work.resolve("cache")).historyDir(work.resolve("history"))
                .selection(Selection.named(services))
                .noCache(mode == Mode.COLD)
                .nightly(mode == Mode.NIGHTLY)
                .cacheMounts(mode == Mode.COLD ? CacheMountPolicy.DROP : CacheMountPolicy.KEEP)
                .parallelism(parallelism)
                .node("bench")
                .build();
        long[] spent = new long[2];
        long t0 = System.nanoTime();
        CommandRunner runner = recording(mode, spent);
        StackBuildResult result = (reuseFacts ? BuildService.longLived(runner) : BuildService.with(runner))
                .build(request, null);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        for (BuildRecord r : result.records()) {
            if (!r.succeeded()) {
                throw new IllegalStateException("benchmark build of " + r.service() + " failed: " + r.error());
            }
        }
        return new MorganRun(millis, result.records(), spent[0] / 1_000_000, spent[1] / 1_000_000);
    }

    /**
     * Builds {@code services} through morgan-build on another engine or with another setup: the compose
     * files merged in order, {@code dockerHost} (null: the bench's engine), its own cache root and history
     * under {@code name}, and registry logins. Timed as {@link #morgan} is; its argv is not kept for raw runs.
     */
    MorganRun morgan(List<Path> composeFiles, List<String> services, String dockerHost, String name,
                     List<RegistryLogin> logins) throws IOException, InterruptedException {
        Map<String, String> processEnv = processEnv();
        if (dockerHost != null) {
            processEnv.put("DOCKER_HOST", dockerHost);
            processEnv.remove("DOCKER_CONTEXT"); // the host given wins, whatever context the user chose
        }
        StackRequest request = StackRequest.builder().workingDir(composeFiles.get(0).getParent())
                .composeFiles(composeFiles).env(processEnv).docker(docker)
                .cacheRoot(work.resolve("cache-" + name)).historyDir(work.resolve("history-" + name))
                .selection(Selection.named(services)).node("bench-" + name).registryLogins(logins)
                .build();
        long t0 = System.nanoTime();
        StackBuildResult result = BuildService.with(new LocalCommandRunner()).build(request, null);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        for (BuildRecord r : result.records()) {
            if (!r.succeeded()) {
                throw new IllegalStateException("benchmark build of " + r.service() + " (" + name + ") failed: "
                        + r.error());
            }
        }
        return new MorganRun(millis, result.records(), 0, 0);
    }

    /**
     * Runs {@code bin/morgan build SERVICE -q} as a user does (its own process, JVM start included) on this
     * benchmark's stack, cache root and history; returns the wall time in milliseconds.
     */
    long cli(Path composeFile, String service) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        runCli(composeFile, service, false);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The {@code timings:} line of one more such call with {@code --timings}. */
    String cliTimings(Path composeFile, String service) throws IOException, InterruptedException {
        String out = runCli(composeFile, service, true);
        return out.lines().filter(l -> l.startsWith("timings:")).findFirst().orElse("(no timings line)")
                .substring("timings:".length()).strip();
    }

    private String runCli(Path composeFile, String service, boolean timings) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(launcher().toString(), "build", service, "-q", "-f",
                composeFile.toString(), "--cache-root", work.resolve("cache").toString(), "--history",
                work.resolve("history").toString(), "--node", "bench"));
        if (docker != null) {
            argv.addAll(List.of("--docker", docker));
        }
        if (timings) {
            argv.add("--timings");
        }
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("bin/morgan build " + service + " exited with " + exit + ": " + out);
        }
        return out;
    }

    /** bin/morgan of the checkout this jar was built in (cli/target/morgan-all.jar -> bin/morgan). */
    static Path launcher() {
        try {
            Path jar = Path.of(BenchBuilds.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path bin = jar.toAbsolutePath().getParent().getParent().getParent().resolve("bin/morgan");
            if (!java.nio.file.Files.isExecutable(bin)) {
                throw new IllegalStateException("the process scenario runs bin/morgan of the checkout, not found at "
                        + bin + "; run the benchmark from the jar in cli/target");
            }
            return bin;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs again, without morgan-build, the docker argv that morgan-build last ran for each service in
     * this mode ({@code concurrently}: all at once, else one after another), and returns the wall time. A nightly
     * argv gets a fresh value of its cache-busting build arg, so it rebuilds as a nightly build does.
     */
    long raw(List<String> services, Mode mode, boolean concurrently) throws IOException, InterruptedException {
        List<Command> commands = new ArrayList<>();
        for (String s : services) {
            Command c = lastArgv.get(mode + ":" + s);
            if (c == null) {
                throw new IllegalStateException("no " + mode + " morgan-build argv recorded yet for " + s);
            }
            commands.add(freshNightlyId(c));
        }
        long t0 = System.nanoTime();
        if (concurrently) {
            List<Process> running = new ArrayList<>();
            for (Command c : commands) {
                running.add(start(c));
            }
            for (int i = 0; i < running.size(); i++) {
                check(commands.get(i), running.get(i).waitFor());
            }
        } else {
            for (Command c : commands) {
                check(c, start(c).waitFor());
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The docker argv morgan-build last ran for the service in this mode, or null. */
    Command lastArgv(String service, Mode mode) {
        return lastArgv.get(mode + ":" + service);
    }

    private static Process start(Command c) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(c.argv())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(c.env());
        if (c.workDir() != null) {
            pb.directory(c.workDir().toFile());
        }
        return pb.start();
    }

    private static void check(Command c, int exit) {
        if (exit != 0) {
            throw new IllegalStateException("raw docker build failed with exit " + exit + ": " + c.display());
        }
    }

    private static Command freshNightlyId(Command c) {
        List<String> argv = new ArrayList<>(c.argv());
        argv.replaceAll(a -> a.startsWith("MORGAN_NIGHTLY_ID=") ? "MORGAN_NIGHTLY_ID=raw-" + UUID.randomUUID() : a);
        return new Command(argv, c.env(), c.workDir(), c.stdin(), c.secrets());
    }

    /**
     * The same build as a command that can run again after morgan-build has removed its scratch
     * folder: the Dockerfile it was given (a per-build copy) and the iid file move to the bench's folder.
     */
    private Command replayable(Command c, String service) throws IOException {
        Path dir = Files.createDirectories(work.resolve("raw").resolve(service));
        List<String> argv = new ArrayList<>(c.argv());
        int f = argv.indexOf("-f");
        if (f > 0) {
            Path dockerfile = Path.of(argv.get(f + 1));
            Path copy = dir.resolve(dockerfile.getFileName().toString());
            Files.copy(dockerfile, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path ignore = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
            if (Files.exists(ignore)) {
                Files.copy(ignore, dir.resolve(ignore.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            argv.set(f + 1, copy.toString());
        }
        int i = argv.indexOf("--iidfile");
        argv.set(i + 1, dir.resolve("image.iid").toString());
        return new Command(argv, c.env(), c.workDir(), c.stdin(), c.secrets());
    }

    /** What compose interpolation sees, as on the command line, and what docker gets besides. */
    private Map<String, String> processEnv() {
        Map<String, String> all = new java.util.LinkedHashMap<>(System.getenv());
        all.putAll(env);
        return all;
    }

    /** A local runner that remembers the last build argv per mode and service (found by its iid file's folder). */
    private CommandRunner recording(Mode mode, long[] spentNanos) {
        LocalCommandRunner local = new LocalCommandRunner();
        return (Command command, LineSink sink) -> {
            int i = command.argv().indexOf("--iidfile");
            boolean build = i > 0 && i + 1 < command.argv().size();
            if (build) {
                Path iid = Path.of(command.argv().get(i + 1));
                String service = iid.getParent().getFileName().toString();
                lastArgv.put(mode + ":" + service, replayable(command, service));
            }
            long t0 = System.nanoTime();
            try {
                return local.run(command, sink);
            } finally {
                synchronized (spentNanos) {
                    spentNanos[build ? 0 : 1] += System.nanoTime() - t0;
                }
            }
        };
    }
}
