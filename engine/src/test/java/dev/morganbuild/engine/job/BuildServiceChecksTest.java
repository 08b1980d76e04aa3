package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.buildkit.FactsCache;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.stack.Stack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BuildService's reads before a build: base images, the --target check, the context probe, the client. */
class BuildServiceChecksTest {
    @TempDir
    Path dir;

    StackBuildTest stack() {
        StackBuildTest t = new StackBuildTest();
        t.dir = dir;
        return t;
    }

    StackRequest.Builder example(StackBuildTest t) {
        Path compose = ExampleStack.copy(dir.resolve("stack-" + java.util.UUID.randomUUID()), "unit");
        return t.base().workingDir(compose.getParent()).composeFile(compose);
    }

    @Test
    void shouldListEachBaseImageOnceInOrderWithTheComposeArgsApplied() {
        BuildService engine = BuildService.with(new StackBuildTest.ScriptedDocker("none", true));
        Stack stack = engine.stack(example(stack()).build());

        assertThat(BuildService.baseImages(stack, List.of("core", "llm", "tts", "stt")))
                .containsExactly("morgan/debian:bookworm", "nvidia/cuda:12.4.1-runtime-ubuntu22.04");
        assertThat(BuildService.baseImages(stack, List.of("tts"))).containsExactly("nvidia/cuda:12.4.1-runtime-ubuntu22.04");
        assertThat(BuildService.baseImages(stack, List.of())).isEmpty();
    }

    @Test
    void shouldRefuseATargetThatAPlannedDockerfileLacksNamingItsStages() throws Exception {
        StackBuildTest.ScriptedDocker docker = new StackBuildTest.ScriptedDocker("none", true);
        StackBuildTest t = stack();

        assertThatThrownBy(() -> BuildService.with(docker, FactsCache.none()).build(example(t).target("gpu").build(), null))
                .isInstanceOf(MorganException.class)
                .hasMessageContaining("target 'gpu' (--target) is not a stage of the Dockerfile of core")
                .hasMessageContaining("its stages are: base, deps, app");
        assertThat(docker.builds()).isEmpty();

        StackBuildResult deps = BuildService.with(docker, FactsCache.none())
                .build(example(t).target("deps").selection("core").build(), null);
        assertThat(deps.succeeded()).isTrue();
        assertThat(docker.builds()).singleElement().satisfies(a -> assertThat(a).containsSequence("--target", "deps"));
    }

    @Test
    void shouldPrepareThePlanOfTheSelectionWithTheStackItRead() throws Exception {
        StackBuildTest.ScriptedDocker docker = new StackBuildTest.ScriptedDocker("none", true);
        BuildService engine = BuildService.with(docker, FactsCache.none());
        StackBuildTest t = stack();

        BuildService.Prepared prepared = engine.prepare(example(t).selection("cuda").build());
        assertThat(prepared.plan().services()).extracting(p -> p.name()).containsExactlyInAnyOrder("tts", "stt");
        assertThat(prepared.stack().services()).containsKeys("core", "llm", "tts", "stt");
        assertThat(engine.plan(example(t).selection("core").build()).services()).extracting(p -> p.name())
                .containsExactly("core");
    }

    @Test
    void shouldMeasureTheContextFromTheProbeBuildsProgressAndFailWhenItFails() throws Exception {
        List<Command> calls = new java.util.ArrayList<>();
        BuildService engine = BuildService.with((c, sink) -> {
            calls.add(c);
            StackBuildTest.ScriptedDocker.replay("plain-cold.log", sink);
            return 0;
        });

        long bytes = engine.contextBytes("docker", java.util.Map.of("DOCKER_BUILDKIT", "1"), dir.resolve("Probe"), dir);

        assertThat(bytes).isPositive();
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.argv()).containsExactly("docker", "build", "--progress=plain", "-f", dir.resolve("Probe").toString(),
                    "-o", "type=tar,dest=/dev/null", dir.toString());
            assertThat(c.env()).containsEntry("DOCKER_BUILDKIT", "1");
        });
        BuildService failing = BuildService.with((c, sink) -> 1);
        assertThatThrownBy(() -> failing.contextBytes("docker", java.util.Map.of(), dir.resolve("Probe"), dir))
                .isInstanceOf(IOException.class).hasMessageStartingWith("context probe failed with exit 1: docker build");
    }

    @Test
    void shouldNameTheDockerClientItProbed() throws Exception {
        BuildService engine = BuildService.longLived(new StackBuildTest.ScriptedDocker("none", true));

        assertThat(engine.dockerClient(StackRequest.builder().docker("/opt/docker").build())).isEqualTo("/opt/docker");
    }
}
