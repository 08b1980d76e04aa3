package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.buildkit.FactsCache;
import dev.morganbuild.engine.record.BuildStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job folder's job run to the end, with StackBuildTest's scripted docker: records, exit code and log. */
class JobFolderRunTest {
    @TempDir
    Path dir;

    int run(String failing, String selection, ByteArrayOutputStream log) throws Exception {
        StackBuildTest t = new StackBuildTest();
        t.dir = dir;
        Path compose = ExampleStack.copy(dir.resolve("stack-" + java.util.UUID.randomUUID()), "unit");
        StackRequest request = t.base().workingDir(compose.getParent()).composeFile(compose).selection(selection)
                .nightly(true).build();
        Files.writeString(dir.resolve(JobFolder.JOB), AgentJob.of(request, List.of(), List.of("docker"), true, false).toJson());
        BuildService engine = BuildService.with(new StackBuildTest.ScriptedDocker(failing, true), FactsCache.none());
        return JobFolder.run(dir, Map.of(), engine, new PrintStream(log, false, StandardCharsets.UTF_8));
    }

    @Test
    void shouldWriteEveryRecordAndExitZeroWhenEveryServiceBuilt() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        int exit = run("none", "core,tts", log);

        assertThat(exit).isEqualTo(JobFolder.OK).isZero();
        assertThat(JobFolder.records(Files.readString(dir.resolve(JobFolder.RECORDS)))).hasSize(2)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(BuildStatus.SUCCESS));
        assertThat(dir.resolve(JobFolder.ERROR)).doesNotExist();
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("[morgan] building core (CPU, label docker && !gpu, no layer cache, cache mounts keep)")
                .contains("[morgan] building tts (GPU, label gpu, no layer cache, cache mounts keep)")
                .containsPattern("\\[morgan\\] core success in [0-9]+\\.[0-9]s, 0/8 steps cached")
                .contains("[core] #");
    }

    @Test
    void shouldWriteTheRecordsAndExitOneWhenAServiceFailed() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        int exit = run("core", "core", log);

        assertThat(exit).isEqualTo(JobFolder.BUILD_FAILED).isEqualTo(1);
        assertThat(JobFolder.records(Files.readString(dir.resolve(JobFolder.RECORDS)))).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(BuildStatus.FAILED));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("[morgan] core failed in ");
    }

    @Test
    void shouldKnowOnlyRegistryHostsAsConfigKeys() {
        assertThat(RegistryLogin.configKey(null)).isNull();
        assertThat(RegistryLogin.configKey("not a host!")).isNull();
        assertThat(RegistryLogin.configKey(" https://Registry.example.com:5000/v2/ ")).isEqualTo("Registry.example.com:5000");
        assertThat(RegistryLogin.configKey("index.docker.io")).isEqualTo(RegistryLogin.DOCKER_HUB);
    }
}
