package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.buildkit.FactsCache;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks a Jenkins step's job makes before it builds, with StackBuildTest's scripted docker. */
class AgentJobRunTest {
    @TempDir
    Path dir;

    final List<String> heard = new CopyOnWriteArrayList<>();
    final BuildListener listener = new BuildListener() {
        @Override
        public void message(String service, String text) {
            heard.add(service + ": " + text);
        }
    };

    StackRequest.Builder example() {
        StackBuildTest t = new StackBuildTest();
        t.dir = dir;
        Path compose = ExampleStack.copy(dir.resolve("stack-" + java.util.UUID.randomUUID()), "unit");
        return t.base().workingDir(compose.getParent()).composeFile(compose);
    }

    @Test
    void shouldRefuseASingleServiceStepThatSelectsAllNamingTheComposeFileAsTheUserWroteIt() {
        StackBuildTest.ScriptedDocker docker = new StackBuildTest.ScriptedDocker("none", true);
        AgentJob job = AgentJob.of(example().selection("all").build(), List.of(), List.of("docker"), false, true);

        assertThatThrownBy(() -> job.run(BuildService.with(docker, FactsCache.none()), listener))
                .isInstanceOf(MorganException.class).hasMessageContaining("docker-compose.yml")
                .hasMessageNotContaining(dir.toString());
        assertThat(docker.builds()).isEmpty();
    }

    @Test
    void shouldBuildTheOneServiceItNames() throws Exception {
        StackBuildTest.ScriptedDocker docker = new StackBuildTest.ScriptedDocker("none", true);
        AgentJob job = AgentJob.of(example().selection("core").build(), List.of(), List.of("docker"), false, true);

        StackBuildResult result = job.run(BuildService.with(docker, FactsCache.none()), listener);

        assertThat(result.records()).extracting(r -> r.service()).containsExactly("core");
        assertThat(docker.builds()).hasSize(1);
    }

    @Test
    void shouldRefuseAServiceOnANodeWithoutItsLabelUnlessToldToWarn() throws Exception {
        StackBuildTest.ScriptedDocker docker = new StackBuildTest.ScriptedDocker("none", true);
        StackRequest tts = example().selection("tts").node("cpu-agent").build();

        assertThatThrownBy(() -> AgentJob.of(tts, List.of(), List.of("docker"), false, false)
                .run(BuildService.with(docker, FactsCache.none()), listener))
                .isInstanceOf(MorganException.class).hasMessageContaining("Run it inside node('gpu')");
        assertThat(docker.builds()).isEmpty();

        StackBuildResult warned = AgentJob.of(tts, List.of(), List.of("docker"), true, false)
                .run(BuildService.with(docker, FactsCache.none()), listener);

        assertThat(warned.records()).extracting(r -> r.service()).containsExactly("tts");
        assertThat(heard).anyMatch(h -> h.startsWith("tts: WARNING: "));
        heard.clear();
        AgentJob.of(tts, List.of(), List.of("gpu"), false, false).run(BuildService.with(docker, FactsCache.none()), listener);
        assertThat(heard).noneMatch(h -> h.contains("WARNING"));
    }
}
