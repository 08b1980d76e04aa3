package dev.morganbuild.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.plan.Route.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentPoolTest {
    private static final String CPU = "docker && !gpu";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static AgentState agent(String name, boolean online, int executors, int idle, String... labels) {
        java.util.Set<String> all = new java.util.HashSet<>(List.of(labels));
        all.add(name); // Jenkins counts a node's name among its labels
        return new AgentState(name, online, all, executors, idle);
    }

    private static final AgentState CPU_1 = agent("cpu-1", true, 2, 2, "docker", "linux");
    private static final AgentState CPU_2 = agent("cpu-2", true, 2, 2, "docker", "linux");
    private static final AgentState GPU_1 = agent("gpu-1", true, 1, 1, "docker", "linux", "gpu");

    private static RouteRequest.Builder core(String lastAgent) {
        return RouteRequest.builder("core", CPU).maxWait(WAIT)
                .lastBuild(lastAgent == null ? null : new LastBuild(lastAgent, "#12"));
    }

    private static Route route(List<AgentState> agents, RouteRequest request) {
        return AgentPool.of(agents, Map.of()).route(request);
    }

    @Test
    void shouldRouteToTheAgentOfTheLastSuccessfulBuild() {
        Route r = route(List.of(CPU_1, CPU_2), core("cpu-2").build());
        assertThat(r.decision()).isEqualTo(Decision.AGENT);
        assertThat(r.agent()).isEqualTo("cpu-2");
        assertThat(r.text()).isEqualTo("core -> cpu-2: its last successful build (#12) ran there");
    }

    @Test
    void shouldLeaveAServiceWithoutHistoryToItsLabel() {
        Route r = route(List.of(CPU_1, CPU_2), core(null).build());
        assertThat(r.decision()).isEqualTo(Decision.LABEL);
        assertThat(r.agent()).isNull();
        assertThat(r.text()).isEqualTo("core -> label 'docker && !gpu': no earlier successful build to follow");
    }

    @Test
    void shouldFallBackToTheLabelWhenTheCacheAgentIsOffline() {
        Route r = route(List.of(agent("cpu-1", false, 2, 2, "docker"), CPU_2),
                RouteRequest.builder("llm", CPU).maxWait(WAIT).lastBuild(new LastBuild("cpu-1", "#7")).build());
        assertThat(r.decision()).isEqualTo(Decision.LABEL);
        assertThat(r.label()).isEqualTo(CPU);
        assertThat(r.text()).isEqualTo("llm -> label 'docker && !gpu': cpu-1 offline (its last successful build, #7, "
                + "ran there)");
    }

    @Test
    void shouldFallBackToTheLabelWhenTheCacheAgentIsGone() {
        Route r = route(List.of(CPU_1), core("pod-abc12").build());
        assertThat(r.decision()).isEqualTo(Decision.LABEL);
        assertThat(r.reason()).startsWith("pod-abc12 is no longer an agent");
    }

    @Test
    void shouldFallBackToTheLabelWhenTheCacheAgentNoLongerMatchesIt() {
        // cpu-2 was given the gpu label since: CPU services keep off it
        Route r = route(List.of(CPU_1, agent("cpu-2", true, 2, 2, "docker", "gpu")), core("cpu-2").build());
        assertThat(r.decision()).isEqualTo(Decision.LABEL);
        assertThat(r.reason()).startsWith("cpu-2 no longer matches the label (its labels: [cpu-2, docker, gpu])");
    }

    @Test
    void shouldKeepGpuServicesOnAgentsOfTheGpuLabel() {
        // the last tts build ran on cpu-1 before tts was found to need a GPU
        RouteRequest tts = RouteRequest.builder("tts", "gpu").maxWait(WAIT).lastBuild(new LastBuild("cpu-1", "#3")).build();
        assertThat(route(List.of(CPU_1, GPU_1), tts).decision()).isEqualTo(Decision.LABEL);
        RouteRequest back = RouteRequest.builder("tts", "gpu").maxWait(WAIT).lastBuild(new LastBuild("gpu-1", "#4")).build();
        assertThat(route(List.of(CPU_1, GPU_1), back).agent()).isEqualTo("gpu-1");
        assertThat(route(List.of(CPU_1, GPU_1), back).decision()).isEqualTo(Decision.AGENT);
    }

    @Test
    void shouldWaitForABusyCacheAgentUntilTheWaitIsOver() {
        List<AgentState> busy = List.of(CPU_1, agent("cpu-2", true, 2, 0, "docker"));
        Route waiting = route(busy, core("cpu-2").build());
        assertThat(waiting.decision()).isEqualTo(Decision.WAIT);
        assertThat(waiting.text()).isEqualTo("core waits for cpu-2: no free executor (2 of 2 in use); waiting up to 5 s"
                + " (its last successful build, #12, ran there)");
        assertThat(route(busy, core("cpu-2").waited(Duration.ofMillis(4900)).build()).decision()).isEqualTo(Decision.WAIT);
        Route over = route(busy, core("cpu-2").waited(WAIT).build());
        assertThat(over.decision()).isEqualTo(Decision.LABEL);
        assertThat(over.text()).isEqualTo("core -> label 'docker && !gpu': cpu-2 busy for 5 s: no free executor (2 of 2 "
                + "in use) (its last successful build, #12, ran there)");
    }

    @Test
    void shouldSayHowLongItWaitedWhenTheAgentFreedUp() {
        Route r = route(List.of(CPU_2), core("cpu-2").waited(Duration.ofMillis(1250)).build());
        assertThat(r.text()).isEqualTo("core -> cpu-2: its last successful build (#12) ran there (waited 1.3 s for an "
                + "executor)");
    }

    @Test
    void shouldNotWaitWhenTheWaitIsZero() {
        Route r = route(List.of(agent("cpu-2", true, 1, 0, "docker")), core("cpu-2").maxWait(Duration.ZERO).build());
        assertThat(r.decision()).isEqualTo(Decision.LABEL);
        assertThat(r.reason()).startsWith("cpu-2 busy: no free executor (1 of 1 in use)");
    }

    @Test
    void shouldCountExecutorsPromisedToSiblingsRoutedToTheSameAgent() {
        AgentPool pool = AgentPool.of(List.of(CPU_1, CPU_2), Map.of("cpu-2", 2));
        assertThat(pool.free("cpu-2")).isZero();
        assertThat(pool.free("cpu-1")).isEqualTo(2);
        Route r = pool.route(core("cpu-2").build());
        assertThat(r.decision()).isEqualTo(Decision.WAIT);
        assertThat(r.reason()).startsWith("no free executor (0 of 2 in use, 2 promised to services routed there)");
        assertThat(AgentPool.of(List.of(CPU_2), Map.of("cpu-2", 1)).route(core("cpu-2").build()).decision())
                .isEqualTo(Decision.AGENT);
    }

    @Test
    void shouldNeverCountMoreFreeExecutorsThanIdleOnes() {
        assertThat(AgentPool.of(List.of(agent("cpu-2", true, 4, 1, "docker")), Map.of("cpu-2", 3)).free("cpu-2")).isZero();
        assertThat(AgentPool.of(List.of(CPU_1), Map.of()).free("nobody")).isZero();
    }

    @Test
    void shouldFallBackAtOnceFromAnAgentWithoutExecutors() {
        Route r = route(List.of(agent("cpu-2", true, 0, 0, "docker")), core("cpu-2").build());
        assertThat(r.decision()).isEqualTo(Decision.LABEL);
        assertThat(r.reason()).startsWith("cpu-2 has no executors");
    }

    @Test
    void shouldFallBackToTheLabelWhenTheLabelCannotBeRead() {
        Route r = route(List.of(CPU_2), RouteRequest.builder("core", "docker &&").lastBuild(new LastBuild("cpu-2", "#1"))
                .build());
        assertThat(r.decision()).isEqualTo(Decision.LABEL);
        assertThat(r.reason()).contains("bad label expression 'docker &&'");
    }

    @Test
    void shouldMatchTheNodeNameAsALabel() {
        AgentState named = new AgentState("cpu-2", true, Set.of("cpu-2"), 1, 1);
        Route r = route(List.of(named), RouteRequest.builder("core", "cpu-2").lastBuild(new LastBuild("cpu-2", "#1")).build());
        assertThat(r.decision()).isEqualTo(Decision.AGENT);
    }

    @Test
    void shouldRefuseANegativeWait() {
        assertThatThrownBy(() -> RouteRequest.builder("core", CPU).maxWait(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepTheRequestWhenItHasWaited() {
        RouteRequest r = core("cpu-2").build().afterWaiting(Duration.ofSeconds(2));
        assertThat(r.waited()).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.maxWait()).isEqualTo(WAIT);
        assertThat(r.lastBuild()).isEqualTo(new LastBuild("cpu-2", "#12"));
        assertThat(r.waitIsOver()).isFalse();
        assertThat(r.afterWaiting(WAIT).waitIsOver()).isTrue();
    }

    @Test
    void shouldWriteShortWaitsInSeconds() {
        assertThat(AgentPool.seconds(Duration.ofSeconds(5))).isEqualTo("5 s");
        assertThat(AgentPool.seconds(Duration.ofMillis(2500))).isEqualTo("2.5 s");
        assertThat(AgentPool.seconds(Duration.ZERO)).isEqualTo("0 s");
    }
}
