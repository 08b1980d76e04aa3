package dev.morganbuild.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.plan.NightlyDecision.Mode;
import dev.morganbuild.engine.stack.BuildSpec;
import dev.morganbuild.engine.stack.GpuRequirement;
import dev.morganbuild.engine.stack.MorganSettings;
import dev.morganbuild.engine.stack.Service;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeCheckAndNightlyTest {
    private static PlannedService tts() {
        BuildSpec spec = new BuildSpec(Path.of("/r"), Path.of("/r/Dockerfile"), null, Map.of(), List.of(), Map.of(),
                List.of(), List.of(), List.of(), null, List.of(), Map.of());
        Service s = new Service("tts", spec, List.of(), new GpuRequirement(true, "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04"),
                MorganSettings.EMPTY, 1);
        return new PlannedService(s, 0, 0, true, s.gpu().reason(), "gpu", Path.of("/c/services/tts"), false, false, null,
                List.of(), List.of());
    }

    @Test
    void shouldRefuseGpuServiceOnNodeWithoutGpuLabelNamingServiceLabelAndNodeLabels() {
        assertThatThrownBy(() -> NodeCheck.require(tts(), "agent-1", List.of("docker", "linux")))
                .isInstanceOf(MorganException.class)
                .hasMessageContaining("service 'tts' needs a GPU")
                .hasMessageContaining("'gpu'")
                .hasMessageContaining("node 'agent-1' has labels [docker, linux]");
    }

    @Test
    void shouldAcceptGpuServiceOnGpuNode() {
        assertThat(NodeCheck.mismatch(tts(), "gpu-1", List.of("gpu", "docker"))).isEmpty();
    }

    @Test
    void shouldTreatTimerStartedBuildsAsNightlyUnlessOverridden() {
        assertThat(NightlyDecision.isNightly(Mode.AUTO, null, true)).isTrue();
        assertThat(NightlyDecision.isNightly(Mode.AUTO, null, false)).isFalse();
        assertThat(NightlyDecision.isNightly(Mode.FALSE, "true", true)).isFalse();
        assertThat(NightlyDecision.isNightly(Mode.TRUE, null, false)).isTrue();
        assertThat(NightlyDecision.isNightly(Mode.AUTO, "false", true)).isFalse();
        assertThat(NightlyDecision.isNightly(Mode.AUTO, "true", false)).isTrue();
        assertThat(NightlyDecision.isNightly(Mode.AUTO, "auto", true)).isTrue();
    }

    @Test
    void shouldRejectUnknownNightlyMode() {
        assertThatThrownBy(() -> Mode.parse("sometimes")).isInstanceOf(MorganException.class)
                .hasMessageContaining("auto, true or false");
    }
}
