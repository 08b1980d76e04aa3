package dev.morganbuild.jenkins.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which of the step's variables a compose file may read. */
class PipelineEnvironmentTest {
    private static final Map<String, String> AGENT = Map.of("PATH", "/usr/bin", "HOME", "/home/agent",
            "AWS_SECRET_ACCESS_KEY", "agent-key", "HTTP_PROXY", "http://proxy:3128", "PIP_INDEX_URL", "https://pypi.local");

    @Test
    void shouldKeepWhatThePipelineSetAndDropTheAgentsOwnVariables() {
        Map<String, String> step = Map.of("PATH", "/usr/bin", "HOME", "/home/agent", "AWS_SECRET_ACCESS_KEY", "agent-key",
                "NPM_TOKEN", "from withCredentials", "BUILD_NUMBER", "7", "MORGAN_NIGHTLY", "true");

        assertThat(PipelineEnvironment.filter(step, AGENT, List.of()))
                .containsOnlyKeys("NPM_TOKEN", "BUILD_NUMBER", "MORGAN_NIGHTLY");
    }

    @Test
    void shouldKeepAnAgentVariableThePipelineGaveANewValue() {
        Map<String, String> step = Map.of("PATH", "/opt/tool/bin:/usr/bin", "HOME", "/home/agent");

        assertThat(PipelineEnvironment.filter(step, AGENT, List.of())).containsOnly(Map.entry("PATH", "/opt/tool/bin:/usr/bin"));
    }

    @Test
    void shouldAddTheAgentVariablesTheAdminAllowsByNameOrPrefix() {
        assertThat(PipelineEnvironment.filter(AGENT, AGENT, List.of("HTTP_PROXY", "PIP_*")))
                .containsOnlyKeys("HTTP_PROXY", "PIP_INDEX_URL");
    }
}
