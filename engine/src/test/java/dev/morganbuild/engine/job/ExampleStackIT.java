package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.cache.CacheUsage;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.plan.Selection;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.CacheMountPolicy;
import dev.morganbuild.engine.record.StepRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the example stack with the real BuildKit engine, scenario after scenario on one salted
 * copy (cold, warm, code change, dependency change, nightly, concurrent), and asserts on the records.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExampleStackIT {
    @TempDir
    static Path dir;

    static Path compose;
    static String docker;
    static final Map<String, String> ENV = ExampleStack.dockerEnv();
    static CacheRoot cacheRoot;
    static HistoryStore history;

    @BeforeAll
    static void setUp() throws Exception {
        docker = ExampleStack.dockerOrFail(ENV);
        compose = ExampleStack.copy(dir.resolve("stack"), UUID.randomUUID().toString());
        cacheRoot = new CacheRoot(dir.resolve("cache"));
        history = new HistoryStore(dir.resolve("history"));
    }

    /** Output lines per service of the last run. */
    static final Map<String, List<String>> output = new ConcurrentHashMap<>();

    static StackBuildResult build(Selection selection, StackRequest.Builder options) throws Exception {
        output.clear();
        BuildListener capture = new BuildListener() {
            @Override
            public void output(String service, String line) {
                output.computeIfAbsent(service, s -> Collections.synchronizedList(new ArrayList<>())).add(line);
            }
        };
        // One service at a time: on this engine (Docker 20.10's built-in BuildKit) concurrent builds
        // that sync the same context directory have twice made a later service's warm build miss its
        // layer cache (see README, known issues); these scenarios assert exact cache hits.
        return BuildService.local().build(options.selection(selection).parallelism(1).build(), capture);
    }

    static StackRequest.Builder options() {
        return StackRequest.builder().workingDir(compose.getParent()).composeFile(compose).env(ENV).docker(docker)
                .node("it-node").cacheRoot(cacheRoot.root()).historyDir(dir.resolve("history"));
    }

    static BuildRecord only(StackBuildResult result, String service) {
        return result.records().stream().filter(r -> r.service().equals(service)).findFirst().orElseThrow();
    }

    static List<StepRecord> buildSteps(BuildRecord r) {
        return r.steps().stream().filter(StepRecord::isBuildStep).toList();
    }

    @Test
    @Order(1)
    void shouldBuildAllServicesColdAndReuseSharedBaseStages() throws Exception {
        StackBuildResult result = build(Selection.all(), options());

        assertThat(result.records()).extracting(BuildRecord::service).containsExactlyInAnyOrder("core", "llm", "tts", "stt");
        assertThat(result.records()).allSatisfy(r -> {
            assertThat(r.status()).as(r.service() + ": " + r.error()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(r.imageId()).startsWith("sha256:");
            assertThat(r.stepsTotal()).isGreaterThanOrEqualTo(6);
            assertThat(r.durationMillis()).isPositive();
            assertThat(r.dockerignore()).isTrue();
            assertThat(r.contextBytes()).isPositive();
            assertThat(r.node()).isEqualTo("it-node");
        });
        BuildRecord core = only(result, "core");
        assertThat(core.kind()).isEqualTo(BuildKind.COLD);
        assertThat(core.stepsCached()).isZero();
        // llm shares core's base stage (same FROM and apt step): that step comes from the cache.
        BuildRecord llm = only(result, "llm");
        assertThat(buildSteps(llm).get(0)).satisfies(s -> {
            assertThat(s.instruction()).isEqualTo("RUN");
            assertThat(s.stage()).isEqualTo("base");
            assertThat(s.cached()).isTrue();
        });
        assertThat(buildSteps(llm).stream().filter(s -> s.stage().equals("app"))).noneMatch(StepRecord::cached);
        assertThat(history.summaries(100)).hasSize(4);
    }

    @Test
    @Order(2)
    void shouldServeEveryStepFromCacheWhenNothingChanged() throws Exception {
        StackBuildResult result = build(Selection.all(), options());

        assertThat(result.records()).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(r.kind()).isEqualTo(BuildKind.WARM);
            assertThat(r.stepsCached()).isEqualTo(r.stepsTotal());
        });
    }

    @Test
    @Order(3)
    void shouldRerunOnlyTheStepsAfterTheCodeCopyWhenCodeChanges() throws Exception {
        Path app = compose.resolveSibling("core/app/app.py");
        Files.writeString(app, Files.readString(app) + "\n# changed by ExampleStackIT\n", StandardCharsets.UTF_8);

        BuildRecord core = only(build(Selection.named(List.of("core")), options()), "core");

        assertThat(core.status()).isEqualTo(BuildStatus.SUCCESS);
        List<StepRecord> steps = buildSteps(core);
        int copyApp = indexOf(steps, "COPY core/app");
        assertThat(steps.subList(0, copyApp)).as("steps before COPY core/app").allMatch(StepRecord::cached);
        assertThat(steps.subList(copyApp, steps.size())).as("COPY core/app and after").noneMatch(StepRecord::cached);
        assertThat(core.kind()).isEqualTo(BuildKind.WARM);
    }

    @Test
    @Order(4)
    void shouldRerunTheAptStepWithAWarmCacheMountWhenADependencyIsAdded() throws Exception {
        Path dockerfile = compose.resolveSibling("services/tts/Dockerfile");
        String text = Files.readString(dockerfile);
        Files.writeString(dockerfile, text.replace("python3-wheel", "python3-wheel jq"), StandardCharsets.UTF_8);

        BuildRecord tts = only(build(Selection.named(List.of("tts")), options()), "tts");

        assertThat(tts.status()).as(String.valueOf(tts.error())).isEqualTo(BuildStatus.SUCCESS);
        StepRecord apt = buildSteps(tts).get(0);
        assertThat(apt.name()).contains("apt-get install");
        assertThat(apt.cached()).isFalse();
        long[] download = ExampleStack.aptDownload(output.get("tts"));
        assertThat(download).as("apt's 'Need to get' line").isNotNull();
        // Only the new package is downloaded; everything else comes from the apt cache mount. (On an
        // engine that built this change before, the mount, shared by every build there, holds jq too.)
        assertThat(download[1]).as("apt's total").isPositive();
        assertThat(download[0]).isNotNegative().isLessThan(download[1] / 4);
    }

    @Test
    @Order(5)
    void shouldRebuildEveryLayerAtNightKeepingCacheMounts() throws Exception {
        BuildRecord core = only(build(Selection.named(List.of("core")), options().nightly(true)), "core");

        assertThat(core.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(core.kind()).isEqualTo(BuildKind.NO_CACHE);
        assertThat(core.nightly()).isTrue();
        assertThat(core.cacheMountPolicy()).isEqualTo(CacheMountPolicy.KEEP);
        assertThat(buildSteps(core).stream().filter(s -> s.instruction().equals("RUN"))).noneMatch(StepRecord::cached);
        long[] download = ExampleStack.aptDownload(output.get("core"));
        assertThat(download).isNotNull();
        assertThat(download[0]).as("bytes apt downloads with the kept cache mount").isZero();
        System.out.printf("nightly (cache mounts kept): apt downloads %d of %d bytes%n", download[0], download[1]);
    }

    @Test
    @Order(6)
    void shouldStartCacheMountsEmptyWhenThePolicyDropsThem() throws Exception {
        BuildRecord core = only(build(Selection.named(List.of("core")),
                options().noCache(true).cacheMounts(CacheMountPolicy.DROP)), "core");

        assertThat(core.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(core.kind()).isEqualTo(BuildKind.NO_CACHE);
        assertThat(core.nightly()).isFalse();
        assertThat(core.cacheMountPolicy()).isEqualTo(CacheMountPolicy.DROP);
        long[] download = ExampleStack.aptDownload(output.get("core"));
        assertThat(download).isNotNull();
        // Measured: docker's --no-cache gives the RUN step fresh, empty cache mounts.
        assertThat(download[0]).as("bytes apt downloads after --no-cache").isEqualTo(download[1]).isPositive();
        System.out.printf("--no-cache (cache mounts dropped): apt downloads %d of %d bytes%n", download[0], download[1]);
    }

    @Test
    @Order(7)
    void shouldSucceedWhenTwoBuildsOfOneServiceRunAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Nightly, so both really run their steps instead of finding them cached.
            List<Future<StackBuildResult>> runs = List.of(
                    pool.submit(() -> build(Selection.named(List.of("llm")), options().nightly(true))),
                    pool.submit(() -> build(Selection.named(List.of("llm")), options().nightly(true))));
            for (Future<StackBuildResult> run : runs) {
                BuildRecord llm = only(run.get(), "llm");
                assertThat(llm.status()).as(String.valueOf(llm.error())).isEqualTo(BuildStatus.SUCCESS);
                assertThat(llm.stepsCached()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(CacheUsage.of(cacheRoot).services()).anySatisfy(e -> assertThat(e.service()).isEqualTo("llm"));
    }

    @Test
    @Order(8)
    void shouldPlanCudaServicesOnTheGpuLabel() {
        Plan plan = BuildService.local().plan(options().build());

        assertThat(plan.services()).filteredOn(PlannedService::gpu).extracting(PlannedService::name)
                .containsExactlyInAnyOrder("tts", "stt");
        assertThat(plan.service("tts").orElseThrow().nodeLabel()).isEqualTo("gpu");
        assertThat(plan.service("stt").orElseThrow().nodeLabel()).isEqualTo("gpu");
        assertThat(plan.service("stt").orElseThrow().gpuReason()).contains("nvidia/cuda");
        assertThat(plan.service("core").orElseThrow().nodeLabel()).isEqualTo("docker && !gpu");
    }

    private static int indexOf(List<StepRecord> steps, String text) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no step containing '" + text + "' in " + steps);
    }
}
