package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.buildkit.FactsCache;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a front end hears during a stack build (the CLI's status lines and --timings, the Jenkins log are
 * drawn from it), with StackBuildTest's scripted docker replaying recorded BuildKit output.
 */
class StackBuildListenerTest {
    @TempDir
    Path dir;

    /** Everything heard, per kind. */
    static final class Heard implements BuildListener {
        final List<String> started = new CopyOnWriteArrayList<>();
        final Map<String, BuildRecord> finished = new ConcurrentHashMap<>();
        final List<String> steps = new CopyOnWriteArrayList<>();
        final Map<String, List<String>> output = new ConcurrentHashMap<>();
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<String> phases = new CopyOnWriteArrayList<>();
        final List<Long> nanos = new CopyOnWriteArrayList<>();

        @Override
        public void serviceStarted(PlannedService service) {
            started.add(service.name());
        }

        @Override
        public void step(String service, StepRecord step, boolean done) {
            steps.add(service + (done ? " done " : " start ") + step.index());
        }

        @Override
        public void output(String service, String line) {
            output.computeIfAbsent(service, s -> new CopyOnWriteArrayList<>()).add(line);
        }

        @Override
        public void message(String service, String text) {
            messages.add(service + ": " + text);
        }

        @Override
        public void phase(String service, String phase, long n) {
            phases.add((service == null ? "run" : service) + " " + phase);
            nanos.add(n);
        }

        @Override
        public void serviceFinished(PlannedService service, BuildRecord record) {
            finished.put(service.name(), record);
        }
    }

    StackBuildTest stack() {
        StackBuildTest t = new StackBuildTest();
        t.dir = dir;
        return t;
    }

    @Test
    void shouldTellEveryServicesStartStepsOutputPhasesAndRecord() throws Exception {
        StackBuildTest.ScriptedDocker docker = new StackBuildTest.ScriptedDocker("none", true);
        Heard heard = new Heard();
        long start = System.nanoTime();

        StackBuildResult result = stack().build(docker, stack().base(), null, FactsCache.none(), 1L << 40, heard);

        long elapsed = System.nanoTime() - start;
        List<String> services = List.of("core", "llm", "stt", "tts");
        assertThat(heard.started).containsExactlyInAnyOrderElementsOf(services);
        assertThat(heard.finished).containsOnlyKeys(services);
        result.records().forEach(r -> assertThat(heard.finished.get(r.service())).isEqualTo(r));
        for (String s : services) {
            assertThat(heard.output.get(s)).as("docker's lines of " + s).isNotEmpty();
            assertThat(heard.steps).contains(s + " start 5", s + " done 5");
            for (String phase : List.of("lock", "prepare", "docker", "check", "smoke")) {
                assertThat(heard.phases).as(s + " " + phase).containsOnlyOnce(s + " " + phase);
            }
        }
        assertThat(heard.phases).contains("run parse", "run plan", "run probe", "run prune");
        // every phase took between nothing and the whole build's time
        assertThat(heard.nanos).allSatisfy(n -> assertThat(n).isBetween(0L, elapsed));
    }

    @Test
    void shouldRecordWhetherTheContextHasADockerignore() throws Exception {
        StackBuildTest.ScriptedDocker docker = new StackBuildTest.ScriptedDocker("none", true);
        StackBuildTest t = stack();
        assertThat(t.build(docker, t.base(), null).records()).allSatisfy(r -> assertThat(r.dockerignore()).isTrue());

        Path compose = ExampleStack.copy(dir.resolve("no-ignore"), "unit");
        Files.delete(compose.getParent().resolve(".dockerignore"));
        StackBuildResult without = BuildService.with(docker, FactsCache.none())
                .build(t.base().workingDir(compose.getParent()).composeFile(compose).build(), null);

        assertThat(without.records()).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(r.dockerignore()).isFalse();
        });
    }

    @Test
    void shouldTellTheFailedServicesFinishAndTheSkippedOnesWithoutStartingThem() throws Exception {
        StackBuildTest.ScriptedDocker docker = new StackBuildTest.ScriptedDocker("core", true);
        Heard heard = new Heard();

        stack().build(docker, stack().base(), null, FactsCache.none(), null, heard);

        assertThat(heard.started).containsExactly("core");
        assertThat(heard.finished).containsOnlyKeys("core", "llm", "stt", "tts");
        assertThat(heard.finished.get("core").status()).isEqualTo(BuildStatus.FAILED);
        assertThat(heard.finished.get("llm").status()).isEqualTo(BuildStatus.SKIPPED);
    }
}
