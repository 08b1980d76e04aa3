package dev.morganbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.job.StackRequest;
import java.io.File;
import org.junit.jupiter.api.Test;

/** What the step sends to the engine on the agent: the build's environment, and where secret files may be. */
class AgentRequestTest {
    @Test
    void shouldAddTheWorkspacesTmpFolderToTheSecretDirsAndKeepTheBuildsEnvironment() {
        AgentRequest r = new AgentRequest();
        r.env.put("NPM_TOKEN", "from withCredentials");
        r.env.put("DOCKER_HOST", "unix:///run/docker.sock");

        StackRequest plain = r.toEngine("/agent/ws/job");
        r.env.put("MORGAN_SECRET_DIRS", "/etc/morgan-secrets");
        StackRequest widened = r.toEngine("/agent/ws/job");

        assertThat(plain.env()).containsEntry("NPM_TOKEN", "from withCredentials")
                .containsEntry("DOCKER_HOST", "unix:///run/docker.sock")
                .containsEntry("MORGAN_SECRET_DIRS", "/agent/ws/job@tmp");
        assertThat(widened.env()).containsEntry("MORGAN_SECRET_DIRS",
                "/etc/morgan-secrets" + File.pathSeparator + "/agent/ws/job@tmp");
        assertThat(r.env.get("MORGAN_SECRET_DIRS")).isEqualTo("/etc/morgan-secrets");
    }
}
