package dev.morganbuild.engine.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.exec.CommandRunner;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostProbeTest {
    /** Answers `docker version` and `docker buildx version` the way a given host would. */
    static CommandRunner host(String versionJson, int versionExit, boolean buildx) {
        return (command, sink) -> {
            List<String> argv = command.argv();
            if (argv.get(1).equals("version")) {
                versionJson.lines().forEach(sink::line);
                return versionExit;
            }
            if (argv.get(1).equals("buildx")) {
                sink.line(buildx ? "github.com/docker/buildx v0.17.1" : "docker: 'buildx' is not a docker command.");
                return buildx ? 0 : 1;
            }
            throw new AssertionError("unexpected " + argv);
        };
    }

    static final String DEBIAN_20 = "{\"Client\":{\"Version\":\"20.10.24+dfsg1\"},\"Server\":{\"Version\":\"20.10.24+dfsg1\"}}";
    static final String DOCKER_28 = "{\"Client\":{\"Version\":\"28.2.2\"},\"Server\":{\"Version\":\"20.10.24+dfsg1\"}}";

    @Test
    void shouldRunTheTwoProbesAtOnce() throws Exception {
        // each probe answers only once the other has started: one after the other, the first would wait in vain
        java.util.concurrent.CountDownLatch bothStarted = new java.util.concurrent.CountDownLatch(2);
        CommandRunner answers = host(DEBIAN_20, 0, true);
        CommandRunner meeting = (command, sink) -> {
            bothStarted.countDown();
            if (!bothStarted.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("the probes ran one after the other: " + command.argv());
            }
            return answers.run(command, sink);
        };

        HostCapabilities caps = HostProbe.probe(meeting, "/usr/bin/docker", Map.of());

        assertThat(caps.buildxAvailable()).isTrue();
        assertThat(caps.serverVersion()).isEqualTo("20.10.24+dfsg1");
    }

    @Test
    void shouldTreatAMissingBuildxProgramAsNoBuildx() throws Exception {
        CommandRunner answers = host(DEBIAN_20, 0, true);
        HostCapabilities caps = HostProbe.probe((command, sink) -> {
            if (command.argv().get(1).equals("buildx")) {
                throw new IOException("Cannot run program");
            }
            return answers.run(command, sink);
        }, "/usr/bin/docker", Map.of());

        assertThat(caps.buildxAvailable()).isFalse();
        assertThat(caps.choose(null)).isEqualTo(Backend.BUILTIN);
    }

    @Test
    void shouldUseBuiltinBuildKitOfAnOldClientWithoutBuildx() throws Exception {
        HostCapabilities caps = HostProbe.probe(host(DEBIAN_20, 0, false), "/usr/bin/docker", Map.of());

        assertThat(caps.builtinUsable()).isTrue();
        assertThat(caps.buildxAvailable()).isFalse();
        assertThat(caps.choose(null)).isEqualTo(Backend.BUILTIN);
    }

    @Test
    void shouldNameTheDocker23PlusCliWithoutBuildxCase() throws Exception {
        HostCapabilities caps = HostProbe.probe(host(DOCKER_28, 0, false), "/usr/local/bin/docker", Map.of());

        assertThat(caps.builtinUsable()).isFalse();
        assertThatThrownBy(() -> caps.choose(null)).isInstanceOf(MorganException.class)
                .hasMessageContaining("Docker 28.2.2 CLI (/usr/local/bin/docker) without the buildx plugin refuses BuildKit builds")
                .hasMessageContaining("fix:").hasMessageContaining("/usr/bin/docker");
    }

    @Test
    void shouldPreferBuildxOnlyWhenAskedOrWhenBuiltinIsUnusable() throws Exception {
        HostCapabilities caps = HostProbe.probe(host(DOCKER_28, 0, true), "docker", Map.of());

        assertThat(caps.choose(null)).isEqualTo(Backend.BUILTIN);
        assertThat(caps.choose(Backend.BUILDX)).isEqualTo(Backend.BUILDX);
    }

    @Test
    void shouldRefuseBuildxWhenThePluginIsMissing() throws Exception {
        HostCapabilities caps = HostProbe.probe(host(DEBIAN_20, 0, false), "docker", Map.of());

        assertThatThrownBy(() -> caps.choose(Backend.BUILDX)).isInstanceOf(MorganException.class)
                .hasMessageContaining("buildx plugin is missing");
    }

    @Test
    void shouldSayTheEngineIsUnreachable() throws Exception {
        String noServer = "{\"Client\":{\"Version\":\"20.10.24+dfsg1\"},\"Server\":null}\n"
                + "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";

        HostCapabilities caps = HostProbe.probe(host(noServer, 1, false), "docker", Map.of());

        assertThat(caps.serverVersion()).isNull();
        assertThatThrownBy(() -> caps.choose(null)).isInstanceOf(MorganException.class)
                .hasMessageContaining("cannot reach the Docker engine").hasMessageContaining("setup-buildkit.sh");
    }

    @Test
    void shouldSayTheClientIsMissing() throws Exception {
        CommandRunner missing = (command, sink) -> {
            throw new IOException("Cannot run program \"dockr\": error=2, No such file or directory");
        };

        HostCapabilities caps = HostProbe.probe(missing, "dockr", Map.of());

        assertThatThrownBy(() -> caps.choose(null)).isInstanceOf(MorganException.class)
                .hasMessageContaining("docker client 'dockr' could not be run");
    }
}
