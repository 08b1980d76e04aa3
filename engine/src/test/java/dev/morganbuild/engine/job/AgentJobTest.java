package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job file a Jenkins step hands to the detached build process. */
class AgentJobTest {
    private static StackRequest request() {
        return StackRequest.builder().workingDir(Path.of("/agent/ws")).composeFile(Path.of("/agent/ws/compose.yml"))
                .selection("tts").noCache(true).nightly(true).target("app").buildArgs(Map.of("A", "1"))
                .tags(List.of("reg/tts:1")).cacheRoot(Path.of("/agent/cache")).noHistory().cacheBudgetBytes(42L)
                .labels("gpu && docker", "docker && !gpu").node("gpu-1").runId("job#7").parallelism(3)
                .env(Map.of("TOKEN", "s3cret-value", "MORGAN_SECRET_DIRS", "/agent/ws@tmp/secretFiles/x"))
                .build();
    }

    @Test
    void shouldNeverWriteTheValueOfAnInheritedVariable() {
        String json = AgentJob.of(request(), List.of("TOKEN"), List.of("gpu"), false, true).toJson();

        assertThat(json).doesNotContain("s3cret-value").contains("\"TOKEN\"", "/agent/ws@tmp/secretFiles/x");
    }

    @Test
    void shouldTakeInheritedValuesFromTheRunningProcessAndKeepEveryOtherField() {
        StackRequest sent = request();
        String json = AgentJob.of(sent, List.of("TOKEN"), List.of("gpu", "docker"), true, true).toJson();

        AgentJob read = AgentJob.fromJson(json, Map.of("TOKEN", "from-process", "OTHER", "agent-only"), Path.of("job.json"));

        assertThat(read.request().env()).containsOnly(Map.entry("TOKEN", "from-process"),
                Map.entry("MORGAN_SECRET_DIRS", "/agent/ws@tmp/secretFiles/x"));
        assertThat(read.request().toJsonWithoutEnv()).isEqualTo(sent.toJsonWithoutEnv());
        assertThat(read.request().selection().toString()).isEqualTo("tts");
        assertThat(read.request().noCache()).isTrue();
        assertThat(read.request().cacheBudgetBytes()).isEqualTo(42L);
        assertThat(read.request().historyDir()).isNull();
        assertThat(read.request().runId()).isEqualTo("job#7");
    }

    @Test
    void shouldLeaveAnInheritedVariableUnsetWhenTheProcessLacksIt() {
        String json = AgentJob.of(request(), List.of("TOKEN"), List.of(), false, true).toJson();

        assertThat(AgentJob.fromJson(json, Map.of(), Path.of("job.json")).request().env()).doesNotContainKey("TOKEN");
    }

    @Test
    void shouldRefuseAFileThatIsNotAJobNamingIt() {
        assertThatThrownBy(() -> AgentJob.fromJson("{\"format\": 9}", Map.of(), Path.of("/tmp/x/job.json")))
                .isInstanceOf(MorganException.class).hasMessageContaining("/tmp/x/job.json")
                .hasMessageContaining("not a morgan-build job file");
        assertThatThrownBy(() -> AgentJob.fromJson("{oops", Map.of(), Path.of("/tmp/x/job.json")))
                .isInstanceOf(MorganException.class).hasMessageContaining("/tmp/x/job.json");
    }

    @Test
    void shouldLetTheAgentChooseTheCacheRootAndDockerClientTheStepLeftOpen() {
        StackRequest open = StackRequest.builder().workingDir(Path.of("/agent/ws")).selection("core").build();
        String json = AgentJob.of(open, List.of(), List.of(), false, true).toJson();

        AgentJob read = AgentJob.fromJson(json, Map.of("MORGAN_CACHE_ROOT", "/agent/caches/morgan",
                "MORGAN_DOCKER", "/opt/docker/bin/docker"), Path.of("job.json"));

        assertThat(read.request().cacheRoot()).isEqualTo(Path.of("/agent/caches/morgan"));
        assertThat(read.request().docker()).isEqualTo("/opt/docker/bin/docker");
        assertThat(AgentJob.fromJson(AgentJob.of(request(), List.of(), List.of(), false, true).toJson(),
                Map.of("MORGAN_CACHE_ROOT", "/elsewhere"), Path.of("job.json")).request().cacheRoot())
                .as("a cache root the step set stays").isEqualTo(Path.of("/agent/cache"));
    }

    @Test
    void shouldTakeARegistryLoginFromTheProcessNeverFromTheFile() {
        String json = AgentJob.of(request(), List.of(), List.of(), false, true)
                .withLogin(new AgentJob.LoginFromEnv("127.0.0.1:5000", "MORGAN_REGISTRY_USERNAME", "MORGAN_REGISTRY_PASSWORD"))
                .toJson();

        AgentJob read = AgentJob.fromJson(json, Map.of("MORGAN_REGISTRY_USERNAME", "ci",
                "MORGAN_REGISTRY_PASSWORD", "pa55-word"), Path.of("job.json"));

        assertThat(json).doesNotContain("pa55-word").contains("MORGAN_REGISTRY_PASSWORD");
        assertThat(read.request().registryLogins()).singleElement().satisfies(l -> {
            assertThat(l.registry()).isEqualTo("127.0.0.1:5000");
            assertThat(l.username()).isEqualTo("ci");
            assertThat(l.password()).isEqualTo("pa55-word");
        });
        assertThatThrownBy(() -> AgentJob.fromJson(json, Map.of(), Path.of("/w@tmp/j/job.json")))
                .isInstanceOf(MorganException.class).hasMessageContaining("/w@tmp/j/job.json")
                .hasMessageContaining("MORGAN_REGISTRY_PASSWORD");
    }
}
