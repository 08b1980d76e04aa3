package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.buildkit.FactsCache;
import dev.morganbuild.engine.cache.CacheLedger;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.exec.LineSink;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.CacheMountPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orchestration without a Docker engine: a scripted docker client answers with recorded BuildKit
 * output (the ITs cover the real engine). Checks what StackBuild asks docker to do and what it records.
 */
class StackBuildTest {
    @TempDir
    Path dir;

    /** Plays docker: version and network answers, and a recorded build log per service. */
    static class ScriptedDocker implements CommandRunner {
        final List<Command> calls = new CopyOnWriteArrayList<>();
        final String failingService;
        final boolean bridge;

        ScriptedDocker(String failingService, boolean bridge) {
            this.failingService = failingService;
            this.bridge = bridge;
        }

        @Override
        public int run(Command c, LineSink sink) throws java.io.IOException {
            calls.add(c);
            List<String> a = c.argv();
            if (a.get(0).equals("git")) {
                return 128;
            }
            if (a.get(1).equals("version")) {
                sink.line("{\"Client\":{\"Version\":\"20.10.24+dfsg1\"},\"Server\":{\"Version\":\"20.10.24+dfsg1\"}}");
                return 0;
            }
            if (a.get(1).equals("buildx")) {
                return 1;
            }
            if (a.get(1).equals("network")) {
                return bridge ? 0 : 1;
            }
            if (a.get(1).equals("builder")) {
                sink.line("Deleted build cache objects:");
                for (int i = 0; i < 500; i++) { // a large prune: the total comes after every id
                    sink.line("x9v7k2mq0ahd3lxm8p4r6t" + i);
                }
                sink.line("");
                sink.line("Total reclaimed space: 1.25GB");
                return 0;
            }
            if (a.get(1).equals("image") && a.get(2).equals("inspect")) {
                sink.line(labels.getOrDefault(a.get(a.size() - 1), "<no value>"));
                return 0;
            }
            Path dockerfile = Path.of(a.get(a.indexOf("-f") + 1));
            String service = Path.of(a.get(a.indexOf("--iidfile") + 1)).getParent().getFileName().toString();
            boolean fail = service.equals(failingService);
            dockerfiles.put(service, Files.readString(dockerfile));
            replay(fail ? "plain-failed.log" : warm ? "plain-warm.log" : "plain-cold.log", sink);
            if (!fail) {
                // as docker does: the image id into --iidfile, the Dockerfile's LABEL into the image
                String id = "sha256:" + Integer.toHexString(service.hashCode()) + "0".repeat(56);
                Files.writeString(Path.of(a.get(a.indexOf("--iidfile") + 1)), id);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "LABEL " + java.util.regex.Pattern.quote(BuildRecord.DOCKERFILE_LABEL) + "=\"([^\"]+)\"")
                        .matcher(Files.readString(dockerfile));
                labels.put(id, labelFor(service, m.find() ? m.group(1) : "<no value>"));
            }
            return fail ? 1 : 0;
        }

        /** What the engine's image says: the label as built (a test may play an engine that mixes them up). */
        String labelFor(String service, String built) {
            return built;
        }

        /** Plays a warm build with nothing changed (every step cached) instead of a cold one. */
        volatile boolean warm;

        final Map<String, String> labels = new java.util.concurrent.ConcurrentHashMap<>();
        /** The Dockerfile each service's build was given, as it was while the build ran. */
        final Map<String, String> dockerfiles = new java.util.concurrent.ConcurrentHashMap<>();

        static void replay(String fixture, LineSink sink) throws java.io.IOException {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                    StackBuildTest.class.getResourceAsStream("/buildkit/" + fixture)), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sink.line(line);
                }
            }
        }

        List<List<String>> builds() {
            return calls.stream().map(Command::argv).filter(a -> a.size() > 1 && a.get(1).equals("build")).toList();
        }
    }

    /** The compose file of the last build's stack copy. */
    Path lastCompose;

    /** Replaces the example's x-morgan build-time budget (10m) in the copy. */
    String buildBudget;

    /** Removes the example's x-morgan cache budget from the copy. */
    boolean withoutComposeBudget;

    /** The request the tests vary: a scripted docker, the run's node and id, extra args and tags. */
    StackRequest.Builder base() {
        return StackRequest.builder().docker("docker").env(Map.of()).node("node-1").runId("run-1").parallelism(2)
                .buildArgs(Map.of("EXTRA", "1")).tags(List.of("extra:tag")).cacheRoot(dir.resolve("cache")).noHistory();
    }

    StackBuildResult build(ScriptedDocker docker, StackRequest.Builder request, HistoryStore history) throws Exception {
        return build(docker, request, history, FactsCache.none());
    }

    StackBuildResult build(ScriptedDocker docker, StackRequest.Builder request, HistoryStore history, FactsCache facts)
            throws Exception {
        return build(docker, request, history, facts, null, null);
    }

    StackBuildResult build(ScriptedDocker docker, StackRequest.Builder request, HistoryStore history, FactsCache facts,
                           Long budget, BuildListener listener) throws Exception {
        Path compose = ExampleStack.copy(dir.resolve("stack-" + java.util.UUID.randomUUID()), "unit");
        lastCompose = compose;
        if (withoutComposeBudget) {
            Files.writeString(compose, Files.readString(compose).replace("    budget: 4GiB\n", ""));
        }
        if (buildBudget != null) {
            Files.writeString(compose, Files.readString(compose).replace("  budget: 10m\n", "  budget: " + buildBudget + "\n"));
        }
        request.workingDir(compose.getParent()).composeFile(compose).cacheBudgetBytes(budget);
        if (history != null) {
            request.historyDir(dir.resolve("history"));
        }
        return BuildService.with(docker, facts).build(request.build(), listener);
    }

    private static long probes(ScriptedDocker docker) {
        return docker.calls.stream().map(Command::argv)
                .filter(a -> a.get(1).equals("version") && a.contains("{{json .}}") || a.get(1).equals("network")).count();
    }

    @Test
    void shouldProbeTheEngineOnceWhileAKeptFactsCacheIsFreshAndAgainAfterAFailure() throws Exception {
        FactsCache facts = FactsCache.reuseFor(java.time.Duration.ofMinutes(1));
        ScriptedDocker docker = new ScriptedDocker("none", false);
        build(docker, base(), null, facts);
        long first = probes(docker);
        build(docker, base(), null, facts);

        assertThat(first).isEqualTo(2); // docker version + docker network inspect
        assertThat(probes(docker)).isEqualTo(first);
        assertThat(docker.builds()).hasSize(8).allSatisfy(argv -> assertThat(argv).containsSequence("--network", "host"));

        ScriptedDocker failing = new ScriptedDocker("core", false);
        build(failing, base(), null, facts);
        assertThat(probes(failing)).isZero(); // still fresh: used, then forgotten because core failed
        build(failing, base(), null, facts);
        assertThat(probes(failing)).isEqualTo(2);
    }

    @Test
    void shouldNoteEveryBuildInTheLedgerWithTheSizeABuildLeavesInItsCacheDirectory() throws Exception {
        Path cache = dir.resolve("cache");
        ScriptedDocker docker = new ScriptedDocker("none", true) {
            @Override
            public int run(Command c, LineSink sink) throws java.io.IOException {
                int exit = super.run(c, sink);
                if (c.argv().get(1).equals("build") && c.argv().stream().anyMatch(a -> a.contains("/tts/Dockerfile"))) {
                    Files.write(cache.resolve("services/tts/exported-cache.bin"), new byte[12345]); // as a local cache export does
                }
                return exit;
            }
        };
        java.time.Instant before = java.time.Instant.now();

        build(docker, base(), null);

        CacheLedger.Contents ledger = CacheLedger.read(new CacheRoot(cache));
        assertThat(ledger.warnings()).isEmpty();
        assertThat(ledger.services()).containsOnlyKeys("core", "llm", "tts", "stt");
        assertThat(ledger.services().get("tts").sizeBytes()).isEqualTo(12345);
        assertThat(ledger.services().get("core").sizeBytes()).isZero();
        assertThat(ledger.services().values()).allSatisfy(e -> {
            assertThat(e.lastUse()).isAfterOrEqualTo(before);
            assertThat(e.owner()).startsWith("node-1 run run-1 pid ");
        });
    }

    @Test
    void shouldRunTheThreeEngineProbesAtOnce() throws Exception {
        // docker version, docker buildx version and docker network inspect each answer only once all three
        // have started: run one after another, the first would wait in vain
        java.util.concurrent.CountDownLatch allStarted = new java.util.concurrent.CountDownLatch(3);
        ScriptedDocker docker = new ScriptedDocker("none", false) {
            @Override
            public int run(Command c, LineSink sink) throws java.io.IOException {
                if (List.of("version", "buildx", "network").contains(c.argv().get(1))) {
                    allStarted.countDown();
                    try {
                        if (!allStarted.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                            throw new AssertionError("the engine probes ran one after another: " + c.argv());
                        }
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
                return super.run(c, sink);
            }
        };

        StackBuildResult result = build(docker, base(), null);

        assertThat(result.succeeded()).isTrue();
        assertThat(docker.builds()).hasSize(4).allSatisfy(argv -> assertThat(argv).containsSequence("--network", "host"));
    }

    @Test
    void shouldReturnFromAnInterruptedBuildOnlyAfterEveryDockerBuildHasStopped() throws Exception {
        // a docker build that, once interrupted, takes a moment to stop (as SIGTERM to a real one does)
        java.util.concurrent.CountDownLatch building = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger stillRunning = new java.util.concurrent.atomic.AtomicInteger();
        ScriptedDocker docker = new ScriptedDocker("none", true) {
            @Override
            public int run(Command c, LineSink sink) throws java.io.IOException {
                if (!c.argv().get(1).equals("build")) {
                    return super.run(c, sink);
                }
                stillRunning.incrementAndGet();
                building.countDown();
                try {
                    Thread.sleep(60_000);
                    return 0;
                } catch (InterruptedException e) {
                    long until = System.nanoTime() + 700_000_000L;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    stillRunning.decrementAndGet();
                    throw new java.io.InterruptedIOException("stopped");
                }
            }
        };
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                building.await();
                caller.interrupt();
            } catch (InterruptedException ignored) {
                // the test ended first
            }
        });
        interrupter.start();

        assertThatThrownBy(() -> build(docker, base(), null)).isInstanceOfAny(InterruptedException.class,
                java.io.InterruptedIOException.class);

        Thread.interrupted();
        interrupter.join();
        assertThat(stillRunning).as("docker builds still running when build() returned").hasValue(0);
    }

    @Test
    void shouldProbeBeforeEveryRunWithoutAFactsCache() throws Exception {
        ScriptedDocker docker = new ScriptedDocker("none", true);
        build(docker, base(), null);
        build(docker, base(), null);

        assertThat(probes(docker)).isEqualTo(4);
    }

    @Test
    void shouldKeepTheRecordsOfOtherServicesWhenOneFailsAndSkipItsDependents() throws Exception {
        HistoryStore history = new HistoryStore(dir.resolve("history"));
        ScriptedDocker docker = new ScriptedDocker("core", true);

        StackBuildResult result = build(docker, base(), history);

        assertThat(result.succeeded()).isFalse();
        BuildRecord core = result.records().stream().filter(r -> r.service().equals("core")).findFirst().orElseThrow();
        assertThat(core.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(core.error()).contains("exit code: 7");
        // llm, tts and stt depend on core: not built, and said so
        assertThat(result.records()).filteredOn(r -> !r.service().equals("core")).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(BuildStatus.SKIPPED);
            assertThat(r.error()).isEqualTo("skipped because core failed");
        });
        assertThat(docker.builds()).hasSize(1);
        assertThat(history.summaries(10)).hasSize(4);
    }

    @Test
    void shouldBuildEveryServiceRecordingStepsAndPassingExtraArgsAndTags() throws Exception {
        ScriptedDocker docker = new ScriptedDocker("none", true);

        StackBuildResult result = build(docker, base(), null);

        assertThat(result.records()).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(r.kind()).isEqualTo(BuildKind.COLD);
            assertThat(r.stepsTotal()).isEqualTo(8);
            assertThat(r.node()).isEqualTo("node-1");
            assertThat(r.backend()).isEqualTo("builtin");
        });
        assertThat(docker.builds()).allSatisfy(argv -> assertThat(argv).containsSequence("--build-arg", "EXTRA=1")
                .containsSequence("-t", "extra:tag").doesNotContain("--network", "--no-cache"));
        assertThat(docker.builds().get(0)).contains("-f").anyMatch(a -> a.matches(".*/core/Dockerfile\\.[0-9a-f]{64}"));
    }

    @Test
    void shouldBuildEachServiceFromItsOwnDockerfileCopyNamedByItsContentAndLabelledWithTheOriginalsDigest()
            throws Exception {
        ScriptedDocker docker = new ScriptedDocker("none", true);

        StackBuildResult result = build(docker, base(), null);

        for (BuildRecord r : result.records()) {
            Path original = lastCompose.getParent().resolve(r.service().equals("core") ? "core/Dockerfile"
                    : "services/" + r.service() + "/Dockerfile");
            assertThat(r.dockerfileDigest()).isEqualTo(dev.morganbuild.engine.dockerfile.BuildDockerfile.digest(
                    Files.readAllBytes(original)));
            String given = docker.dockerfiles.get(r.service());
            List<String> argv = docker.builds().stream().filter(a -> a.get(a.indexOf("-f") + 1)
                    .contains("/" + r.service() + "/")).findFirst().orElseThrow();
            String name = Path.of(argv.get(argv.indexOf("-f") + 1)).getFileName().toString();
            // the copy's name is the digest of what it holds; it holds the service's Dockerfile and the label
            assertThat(name).isEqualTo("Dockerfile." + dev.morganbuild.engine.dockerfile.BuildDockerfile
                    .digest(given + "\u0000").substring(7));
            assertThat(given).contains("LABEL " + BuildRecord.DOCKERFILE_LABEL + "=\"");
            assertThat(r.status()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(r.dockerfileDigest()).startsWith("sha256:").hasSize(71);
            assertThat(given).contains(r.dockerfileDigest());
        }
        // tts and stt differ, so do their copies
        assertThat(docker.dockerfiles.get("tts")).isNotEqualTo(docker.dockerfiles.get("stt"));
    }

    @Test
    void shouldFailAServiceWhoseImageSaysItWasBuiltFromAnotherDockerfile() throws Exception {
        ScriptedDocker docker = new ScriptedDocker("none", true) {
            @Override
            String labelFor(String service, String built) {
                return service.equals("stt") ? "sha256:" + "0".repeat(64) : built; // as the stale-transfer bug did
            }
        };

        StackBuildResult result = build(docker, base(), null);

        BuildRecord stt = result.records().stream().filter(r -> r.service().equals("stt")).findFirst().orElseThrow();
        assertThat(stt.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(stt.error()).contains("was not built from").contains("services/stt/Dockerfile")
                .contains(stt.dockerfileDigest()).contains("sha256:" + "0".repeat(64));
        assertThat(result.records()).filteredOn(r -> !r.service().equals("stt"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(BuildStatus.SUCCESS));
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void shouldUseTheHostNetworkWhenTheEngineHasNoBridge() throws Exception {
        ScriptedDocker docker = new ScriptedDocker("none", false);

        build(docker, base(), null);

        assertThat(docker.builds()).allSatisfy(argv -> assertThat(argv).containsSequence("--network", "host"));
    }

    @Test
    void shouldRebuildNightlyThroughABustArgKeepingMountsOrWithNoCacheDroppingThem() throws Exception {
        ScriptedDocker keep = new ScriptedDocker("none", true);
        StackBuildResult nightly = build(keep, base().nightly(true), null);

        assertThat(nightly.records()).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(BuildKind.NO_CACHE);
            assertThat(r.nightly()).isTrue();
            assertThat(r.cacheMountPolicy()).isEqualTo(CacheMountPolicy.KEEP);
        });
        assertThat(keep.builds()).allSatisfy(argv -> {
            assertThat(argv).doesNotContain("--no-cache");
            assertThat(argv).anyMatch(a -> a.startsWith("MORGAN_NIGHTLY_ID=run-1-"));
        });
        assertThat(keep.dockerfiles.values()).allSatisfy(df -> assertThat(df).contains("ARG MORGAN_NIGHTLY_ID"));

        ScriptedDocker drop = new ScriptedDocker("none", true);
        build(drop, base().noCache(true).cacheMounts(CacheMountPolicy.DROP), null);
        assertThat(drop.builds()).allSatisfy(argv -> assertThat(argv).contains("--no-cache")
                .noneMatch(a -> a.startsWith("MORGAN_NIGHTLY_ID")));
    }

    @Test
    void shouldBuildARemoteContextFromItsUrlWithNoCacheForTheNightlyAndNoDockerfileLabelCheck() throws Exception {
        Path project = Files.createDirectories(dir.resolve("remote"));
        Files.createDirectories(project.resolve(".git"));
        Path compose = Files.writeString(project.resolve("docker-compose.yml"), "services:\n  whisper:\n    build:\n"
                + "      context: https://github.com/ahmetoner/whisper-asr-webservice.git#v1.9.1\n      dockerfile: Dockerfile.gpu\n");
        ScriptedDocker docker = new ScriptedDocker("none", true) {
            @Override
            public int run(Command c, LineSink sink) throws java.io.IOException {
                List<String> a = c.argv();
                if (a.get(1).equals("build") && a.get(a.size() - 1).startsWith("https://")) {
                    calls.add(c); // BuildKit fetches the context: nothing local to read
                    Files.writeString(Path.of(a.get(a.indexOf("--iidfile") + 1)), "sha256:" + "a".repeat(64));
                    replay("plain-cold.log", sink);
                    return 0;
                }
                return super.run(c, sink);
            }
        };

        StackBuildResult result = BuildService.with(docker, FactsCache.none()).build(base().nightly(true)
                .workingDir(project).composeFile(compose).build(), null);

        assertThat(docker.builds()).singleElement().satisfies(argv -> {
            assertThat(argv).containsSequence("-f", "Dockerfile.gpu").contains("--no-cache")
                    .noneMatch(x -> x.startsWith("MORGAN_NIGHTLY_ID"));
            assertThat(argv.get(argv.size() - 1)).isEqualTo("https://github.com/ahmetoner/whisper-asr-webservice.git#v1.9.1");
        });
        assertThat(docker.calls).noneMatch(c -> c.argv().contains("inspect") && c.argv().contains("image"));
        assertThat(result.records()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(r.cacheMountPolicy()).isEqualTo(CacheMountPolicy.DROP);
            assertThat(r.dockerfileDigest()).isNull();
            assertThat(r.warnings()).anyMatch(w -> w.contains("remote context") && w.contains("cache mounts dropped"));
        });
    }

    @Test
    void shouldBoundTheEnginesBuildCacheToTheBudgetBeforeBuilding() throws Exception {
        ScriptedDocker docker = new ScriptedDocker("none", true);
        List<String> messages = new CopyOnWriteArrayList<>();
        BuildListener listener = new BuildListener() {
            @Override
            public void message(String service, String text) {
                messages.add(service + ": " + text);
            }
        };

        build(docker, base(), null, FactsCache.none(), 5_000_000_000L, listener);

        List<List<String>> argvs = docker.calls.stream().map(Command::argv).toList();
        int prune = argvs.indexOf(List.of("docker", "builder", "prune", "--force", "--keep-storage", "5000000000"));
        assertThat(prune).as("the prune command, as argv").isNotNegative();
        assertThat(argvs.subList(0, prune)).noneMatch(a -> a.get(1).equals("build"));
        assertThat(messages).containsOnlyOnce("core: pruned the engine's build cache to the budget: reclaimed 1.25GB");
    }

    @Test
    void shouldRecordTheBuildTimeBudgetAndWarnWhenASuccessfulBuildTakesLonger() throws Exception {
        buildBudget = "1s";
        ScriptedDocker slowCore = new ScriptedDocker("none", true) {
            @Override
            public int run(Command c, LineSink sink) throws java.io.IOException {
                if (c.argv().get(1).equals("build") && c.argv().stream().anyMatch(a -> a.contains("/core/Dockerfile"))) {
                    try {
                        Thread.sleep(1200);
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                }
                return super.run(c, sink);
            }
        };

        StackBuildResult result = build(slowCore, base().selection("core,llm"), null);

        BuildRecord core = result.records().stream().filter(r -> r.service().equals("core")).findFirst().orElseThrow();
        BuildRecord llm = result.records().stream().filter(r -> r.service().equals("llm")).findFirst().orElseThrow();
        assertThat(core.budgetMillis()).isEqualTo(1000L);
        assertThat(core.overBudget()).isTrue();
        assertThat(core.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(core.warnings()).anyMatch(w -> w.startsWith("core took ") && w.endsWith("over its x-morgan budget of 1.0 s"));
        assertThat(llm.budgetMillis()).isEqualTo(1000L);
        assertThat(llm.overBudget()).isFalse();
        assertThat(llm.warnings()).noneMatch(w -> w.contains("budget"));
    }

    @Test
    void shouldNotPruneTheEngineWithoutABudget() throws Exception {
        ScriptedDocker docker = new ScriptedDocker("none", true);
        withoutComposeBudget = true;

        build(docker, base(), null);

        assertThat(docker.calls).noneMatch(c -> c.argv().contains("prune"));
    }

    private static long count(ScriptedDocker docker, String... argvStart) {
        return docker.calls.stream().map(Command::argv).filter(a -> a.size() > argvStart.length
                && a.subList(1, 1 + argvStart.length).equals(List.of(argvStart))).count();
    }

    @Test
    void shouldSkipProbesPruneAndLabelReadOnAWarmNoChangeBuildAfterAnotherProcessDidThem() throws Exception {
        Path cacheRoot = dir.resolve("cache");
        ScriptedDocker first = new ScriptedDocker("none", false);
        build(first, base(), null, FactsCache.onDisk(java.time.Duration.ofMinutes(5)), 5_000_000_000L, null);
        assertThat(count(first, "version")).isEqualTo(1);
        assertThat(count(first, "builder", "prune")).isEqualTo(1);
        assertThat(count(first, "image", "inspect")).isEqualTo(4);

        // another process (a new cache object, the same cache root) after a cold build: facts and labels
        // are known, but the cold build may have grown the engine's cache, so it prunes
        ScriptedDocker second = new ScriptedDocker("none", false);
        second.warm = true;
        second.labels.putAll(first.labels);
        build(second, base(), null, FactsCache.onDisk(java.time.Duration.ofMinutes(5)), 5_000_000_000L, null);
        assertThat(count(second, "version")).as("engine facts from the cache root").isZero();
        assertThat(count(second, "network")).isZero();
        assertThat(count(second, "buildx")).isZero();
        assertThat(count(second, "builder", "prune")).as("the cold build before may have grown the cache").isEqualTo(1);
        assertThat(count(second, "image", "inspect")).as("these images were read back before").isZero();

        // warm after warm: nothing but the builds
        ScriptedDocker third = new ScriptedDocker("none", false);
        third.warm = true;
        third.labels.putAll(first.labels);
        StackBuildResult result = build(third, base(), null, FactsCache.onDisk(java.time.Duration.ofMinutes(5)),
                5_000_000_000L, null);
        assertThat(result.succeeded()).isTrue();
        assertThat(third.calls).extracting(c -> c.argv().get(1)).containsOnly("build");
        assertThat(cacheRoot.resolve(FactsCache.FOLDER)).isDirectory();

        // a changed budget prunes again
        ScriptedDocker fourth = new ScriptedDocker("none", false);
        fourth.warm = true;
        fourth.labels.putAll(first.labels);
        build(fourth, base(), null, FactsCache.onDisk(java.time.Duration.ofMinutes(5)), 4_000_000_000L, null);
        assertThat(count(fourth, "builder", "prune")).isEqualTo(1);
    }

    @Test
    void shouldProbeAgainAfterAFailedBuildAndReadBackALabelItHasNotSeen() throws Exception {
        ScriptedDocker first = new ScriptedDocker("core", false);
        build(first, base(), null, FactsCache.onDisk(java.time.Duration.ofMinutes(5)), null, null);

        ScriptedDocker second = new ScriptedDocker("none", false) {
            @Override
            String labelFor(String service, String built) {
                return service.equals("llm") ? "sha256:" + "0".repeat(64) : built; // the engine mixed them up
            }
        };
        second.warm = true;
        StackBuildResult result = build(second, base(), null, FactsCache.onDisk(java.time.Duration.ofMinutes(5)),
                null, null);

        assertThat(probes(second)).as("the failed run forgot the facts: version and network probed again").isEqualTo(2);
        assertThat(result.records()).filteredOn(r -> r.service().equals("llm")).singleElement()
                .satisfies(r -> assertThat(r.error()).contains("was not built from"));
    }
}
