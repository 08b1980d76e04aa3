package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.LineSink;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack build's push and engine-failure paths, with StackBuildTest's scripted docker: builds replay
 * recorded BuildKit output, pushes replay what Docker 20.10 printed pushing to a real registry.
 */
class StackBuildPushTest {
    static final String DIGEST = "sha256:332f0bb85c6a31138ea3586fd90ace0cfcb3da9921d476a18c74edd554b9f11e";

    @TempDir
    Path dir;

    /** The scripted docker, answering each push with one recorded push log and its exit code. */
    static final class PushingDocker extends StackBuildTest.ScriptedDocker {
        final String pushLog;
        final int pushExit;
        /** When set, {@code docker version --format} fails: the engine went away during the build. */
        boolean engineGone;

        PushingDocker(String failingService, String pushLog, int pushExit) {
            super(failingService, true);
            this.pushLog = pushLog;
            this.pushExit = pushExit;
        }

        @Override
        public int run(Command c, LineSink sink) throws IOException {
            List<String> a = c.argv();
            if (a.size() > 1 && a.get(1).equals("push")) {
                calls.add(c);
                try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                        StackBuildPushTest.class.getResourceAsStream("/job/" + pushLog)), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        sink.line(line);
                    }
                }
                return pushExit;
            }
            if (engineGone && a.contains("{{.Server.Version}}")) {
                calls.add(c);
                sink.line("Cannot connect to the Docker daemon at unix:///run/test.sock. Is the docker daemon running?");
                return 1;
            }
            return super.run(c, sink);
        }

        List<List<String>> pushes() {
            return calls.stream().map(Command::argv).filter(a -> a.size() > 1 && a.get(1).equals("push")).toList();
        }
    }

    StackBuildTest stack() {
        StackBuildTest t = new StackBuildTest();
        t.dir = dir;
        return t;
    }

    static BuildRecord record(StackBuildResult result, String service) {
        return result.records().stream().filter(r -> r.service().equals(service)).findFirst().orElseThrow();
    }

    @Test
    void shouldPushEveryServicesTagsInTheRegistryAndRecordTheDigests() throws Exception {
        PushingDocker docker = new PushingDocker("none", "push-ok.log", 0);
        StackBuildTest t = stack();

        StackBuildResult result = t.build(docker, t.base().push(true).registry("127.0.0.1:40333/team"), null);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.records()).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(r.pushed()).containsExactly(
                    "127.0.0.1:40333/team/morgan-stack/" + r.service() + ":latest@" + DIGEST,
                    "127.0.0.1:40333/team/extra:tag@" + DIGEST);
            assertThat(r.digest()).isEqualTo(DIGEST);
        });
        assertThat(docker.pushes()).hasSize(8)
                .contains(List.of("docker", "push", "127.0.0.1:40333/team/morgan-stack/core:latest"));
        // the image is tagged in the registry by the build itself
        assertThat(docker.builds()).allSatisfy(argv -> assertThat(argv).containsSequence("-t", "127.0.0.1:40333/team/extra:tag"));
    }

    @Test
    void shouldPushTheComposeFilesOwnTagsWithoutARegistry() throws Exception {
        PushingDocker docker = new PushingDocker("none", "push-ok.log", 0);
        StackBuildTest t = stack();

        StackBuildResult result = t.build(docker, t.base().push(true), null);

        assertThat(record(result, "core").pushed()).containsExactly("morgan-stack/core:latest@" + DIGEST,
                "extra:tag@" + DIGEST);
    }

    @Test
    void shouldFailAServiceWhosePushIsRefusedSayingToLogInAndKeepTheBuiltImage() throws Exception {
        PushingDocker docker = new PushingDocker("none", "push-refused.log", 1);
        StackBuildTest t = stack();
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        BuildListener listener = new BuildListener() {
            @Override
            public void message(String service, String text) {
                heard.add(service + ": " + text);
            }
        };

        StackBuildResult result = t.build(docker, t.base().push(true).registry("127.0.0.1:40333"), null,
                dev.morganbuild.engine.buildkit.FactsCache.none(), null, listener);

        assertThat(result.succeeded()).isFalse();
        BuildRecord core = record(result, "core");
        assertThat(core.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(core.imageId()).startsWith("sha256:");
        assertThat(core.pushed()).isEmpty();
        assertThat(core.error()).isEqualTo("push of 127.0.0.1:40333/morgan-stack/core:latest failed: no basic auth "
                + "credentials (log in first: docker login <registry>, or point DOCKER_CONFIG at a config that has the "
                + "credentials)");
        assertThat(heard).contains("core: " + core.error());
    }

    @Test
    void shouldNotPushWithoutBeingAsked() throws Exception {
        PushingDocker docker = new PushingDocker("none", "push-ok.log", 0);
        StackBuildTest t = stack();

        StackBuildResult result = t.build(docker, t.base(), null);

        assertThat(result.records()).allSatisfy(r -> assertThat(r.pushed()).isEmpty());
        assertThat(docker.pushes()).isEmpty();
    }

    @Test
    void shouldSayTheEngineStoppedAnsweringWhenAFailedBuildsEngineIsGone() throws Exception {
        PushingDocker docker = new PushingDocker("core", "push-ok.log", 0);
        docker.engineGone = true;
        StackBuildTest t = stack();

        StackBuildResult result = t.build(docker, t.base().env(Map.of("DOCKER_HOST", "unix:///run/test.sock")), null);

        BuildRecord core = record(result, "core");
        assertThat(core.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(core.error()).startsWith("the Docker engine at unix:///run/test.sock stopped answering during the "
                + "build of core; start it again and rebuild\n").contains("exit code: 7");
    }

    @Test
    void shouldBlameTheBuildNotTheEngineWhenTheEngineStillAnswers() throws Exception {
        PushingDocker docker = new PushingDocker("core", "push-ok.log", 0);
        StackBuildTest t = stack();

        StackBuildResult result = t.build(docker, t.base(), null);

        assertThat(record(result, "core").error()).doesNotContain("stopped answering").contains("exit code: 7");
        assertThat(docker.calls).extracting(Command::argv).contains(List.of("docker", "version", "--format",
                "{{.Server.Version}}"));
    }
}
