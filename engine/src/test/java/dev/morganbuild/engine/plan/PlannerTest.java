package dev.morganbuild.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.record.CacheMountPolicy;
import dev.morganbuild.engine.stack.BuildSpec;
import dev.morganbuild.engine.stack.GpuRequirement;
import dev.morganbuild.engine.stack.MorganSettings;
import dev.morganbuild.engine.stack.Service;
import dev.morganbuild.engine.stack.Stack;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final Path ROOT = Path.of("/repo");
    private static final Path CACHE = Path.of("/cache");

    private static Service service(String name, boolean gpu, MorganSettings settings, String... deps) {
        BuildSpec spec = new BuildSpec(ROOT, ROOT.resolve(name + "/Dockerfile"), "app", Map.of(), List.of(), Map.of(),
                List.of(), List.of(), List.of(), null, List.of(), Map.of());
        return new Service(name, spec, List.of(deps), new GpuRequirement(gpu, gpu ? "FROM nvidia/cuda" : "no GPU use found"),
                settings, 1);
    }

    private static Stack stack(Service... services) {
        Map<String, Service> map = new LinkedHashMap<>();
        for (Service s : services) {
            map.put(s.name(), s);
        }
        return new Stack(ROOT.resolve("docker-compose.yml"), ROOT, map, MorganSettings.EMPTY);
    }

    private static final Stack MORGAN = stack(
            service("core", false, MorganSettings.EMPTY),
            service("llm", false, MorganSettings.EMPTY, "core"),
            service("tts", true, MorganSettings.EMPTY, "core"),
            service("stt", true, MorganSettings.EMPTY, "core"));

    private final Planner planner = new Planner(s -> Optional.empty());

    @Test
    void shouldRouteCudaServicesToGpuLabelAndOthersToCpuLabel() {
        Plan plan = planner.plan(MORGAN, Selection.all(), PlanOptions.defaults(CACHE));

        assertThat(plan.services()).extracting(PlannedService::name, PlannedService::nodeLabel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("core", "docker && !gpu"),
                        org.assertj.core.groups.Tuple.tuple("llm", "docker && !gpu"),
                        org.assertj.core.groups.Tuple.tuple("tts", "gpu"),
                        org.assertj.core.groups.Tuple.tuple("stt", "gpu"));
    }

    @Test
    void shouldKeepCpuServicesOffGpuNodesByDefault() {
        Plan plan = planner.plan(MORGAN, Selection.all(), PlanOptions.defaults(CACHE));
        PlannedService core = plan.services().get(0);

        assertThat(NodeCheck.mismatch(core, "cpu-1", java.util.List.of("docker", "linux"))).isEmpty();
        assertThat(NodeCheck.mismatch(core, "gpu-1", java.util.List.of("docker", "linux", "gpu")))
                .hasValueSatisfying(m -> assertThat(m).contains("'docker && !gpu'", "gpu-1"));
    }

    @Test
    void shouldUseConfiguredLabelsAndLetXMorganOverrideThem() {
        Stack s = stack(service("tts", true, new MorganSettings(null, null, "cuda13 && linux", null, null, null, null,
                        null, null, null)),
                service("core", false, new MorganSettings(null, "big-docker", null, null, null, null, null, null, null, null)),
                service("llm", false, MorganSettings.EMPTY));

        Plan plan = planner.plan(s, Selection.all(), PlanOptions.defaults(CACHE).withLabels("gpu-node", "linux-docker"));

        assertThat(plan.service("tts").orElseThrow().nodeLabel()).isEqualTo("cuda13 && linux");
        assertThat(plan.service("core").orElseThrow().nodeLabel()).isEqualTo("big-docker");
        assertThat(plan.service("llm").orElseThrow().nodeLabel()).isEqualTo("linux-docker");
    }

    @Test
    void shouldOrderByDependsOnAndGroupIndependentServicesIntoOneWave() {
        Plan plan = planner.plan(MORGAN, Selection.all(), PlanOptions.defaults(CACHE));

        assertThat(plan.services().get(0).name()).isEqualTo("core");
        assertThat(plan.service("core").orElseThrow().wave()).isZero();
        assertThat(plan.services().subList(1, 4)).allSatisfy(s -> {
            assertThat(s.wave()).isEqualTo(1);
            assertThat(s.after()).containsExactly("core");
            assertThat(s.needs()).as("depends_on: a failure of core skips it").containsExactly("core");
        });
        assertThat(PlanFormatter.json(plan).get("services").get(1).get("needs").get(0).asText()).isEqualTo("core");
        assertThat(plan.waves()).isEqualTo(2);
    }

    @Test
    void shouldSelectCpuOrCudaServicesOnly() {
        assertThat(planner.plan(MORGAN, Selection.cpu(), PlanOptions.defaults(CACHE)).services())
                .extracting(PlannedService::name).containsExactly("core", "llm");
        assertThat(planner.plan(MORGAN, Selection.cuda(), PlanOptions.defaults(CACHE)).services())
                .extracting(PlannedService::name).containsExactly("tts", "stt");
    }

    @Test
    void shouldIgnoreDependenciesOutsideTheSelection() {
        Plan plan = planner.plan(MORGAN, Selection.named(List.of("stt", "tts")), PlanOptions.defaults(CACHE));

        assertThat(plan.services()).extracting(PlannedService::name).containsExactly("tts", "stt");
        assertThat(plan.services()).allSatisfy(s -> assertThat(s.after()).isEmpty());
    }

    @Test
    void shouldRejectUnknownServiceNamingTheKnownOnes() {
        assertThatThrownBy(() -> planner.plan(MORGAN, Selection.named(List.of("ttx")), PlanOptions.defaults(CACHE)))
                .isInstanceOf(MorganException.class)
                .hasMessageContaining("unknown service 'ttx'")
                .hasMessageContaining("core, llm, tts, stt");
    }

    @Test
    void shouldBuildSharedBaseFirstThenTheServicesThatReuseIt() {
        Planner shared = new Planner(s -> s.name().equals("core") ? Optional.empty() : Optional.of(
                s.gpu().required() ? "cuda-base" : "cpu-base"));
        Stack s = stack(service("tts", true, MorganSettings.EMPTY), service("stt", true, MorganSettings.EMPTY),
                service("llm", false, MorganSettings.EMPTY));

        Plan plan = shared.plan(s, Selection.all(), PlanOptions.defaults(CACHE));

        PlannedService stt = plan.service("stt").orElseThrow();
        assertThat(stt.after()).containsExactly("tts");
        assertThat(stt.afterReasons()).containsExactly("shares its base stage with tts");
        assertThat(stt.needs()).as("only order, not success: a failure of tts does not skip stt").isEmpty();
        assertThat(stt.wave()).isEqualTo(1);
        assertThat(plan.service("llm").orElseThrow().wave()).isZero();
    }

    @Test
    void shouldPlanNightlyAsNoCacheKeepingCacheMountsUnlessPolicyDropsThem() {
        Stack s = stack(service("core", false, MorganSettings.EMPTY),
                service("tts", true, new MorganSettings(null, null, null, null, null, null, null, null,
                        CacheMountPolicy.DROP, null)));

        Plan nightly = planner.plan(s, Selection.all(), PlanOptions.defaults(CACHE).withNightly(true));
        Plan warm = planner.plan(s, Selection.all(), PlanOptions.defaults(CACHE));
        Plan forcedDrop = planner.plan(s, Selection.all(),
                PlanOptions.defaults(CACHE).withNoCache(true).withMountPolicy(CacheMountPolicy.DROP));

        assertThat(nightly.service("core").orElseThrow()).satisfies(p -> {
            assertThat(p.noCache()).isTrue();
            assertThat(p.nightly()).isTrue();
            assertThat(p.mountPolicy()).isEqualTo(CacheMountPolicy.KEEP);
        });
        assertThat(nightly.service("tts").orElseThrow().mountPolicy()).isEqualTo(CacheMountPolicy.DROP);
        assertThat(warm.services()).allSatisfy(p -> {
            assertThat(p.noCache()).isFalse();
            assertThat(p.mountPolicy()).isNull();
        });
        assertThat(forcedDrop.services()).allSatisfy(p -> assertThat(p.mountPolicy()).isEqualTo(CacheMountPolicy.DROP));
    }

    @Test
    void shouldGiveEachServiceItsOwnCacheDirectoryUnderTheRoot() {
        Plan plan = planner.plan(MORGAN, Selection.all(), PlanOptions.defaults(CACHE));

        assertThat(plan.service("tts").orElseThrow().cacheDir()).isEqualTo(Path.of("/cache/services/tts"));
    }

    @Test
    void shouldRenderPlanAsTextAndJson() {
        Plan plan = planner.plan(MORGAN, Selection.cuda(), PlanOptions.defaults(CACHE).withNightly(true));

        assertThat(PlanFormatter.text(plan))
                .contains("tts").contains("label: gpu").contains("ignored (nightly), cache mounts kept");
        var json = PlanFormatter.json(plan);
        assertThat(json.get("services")).hasSize(2);
        assertThat(json.get("services").get(0).get("nodeLabel").asText()).isEqualTo("gpu");
        assertThat(json.get("services").get(0).get("cacheMounts").asText()).isEqualTo("keep");
        assertThat(json.get("services").get(0).get("gpuReason").asText()).isEqualTo("FROM nvidia/cuda");
    }
}
