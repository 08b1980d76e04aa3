package dev.morganbuild.engine.buildkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineIdentityTest {
    @TempDir
    Path dir;

    private Map<String, String> env(Path socket) {
        return Map.of("PATH", dir.resolve("bin") + ":/nonexistent", "DOCKER_HOST", "unix://" + socket);
    }

    private Path client() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path docker = bin.resolve("docker");
        Files.writeString(docker, "#!/bin/sh\n");
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        return docker;
    }

    @Test
    void shouldStayTheSameWhileNothingAboutTheClientOrEngineChanges() throws Exception {
        client();
        Path socket = Files.createFile(dir.resolve("docker.sock"));

        String key = EngineIdentity.of(List.of("docker"), env(socket), null, null);

        assertThat(key).hasSize(64).isEqualTo(EngineIdentity.of(List.of("docker"), env(socket), null, null));
        assertThat(EngineIdentity.resolve("docker", env(socket).get("PATH"))).isEqualTo(dir.resolve("bin/docker"));
    }

    @Test
    void shouldChangeWhenTheClientTheEngineOrTheRequestChanges() throws Exception {
        Path docker = client();
        Path socket = Files.createFile(dir.resolve("docker.sock"));
        String key = EngineIdentity.of(List.of("docker"), env(socket), null, null);

        Files.setLastModifiedTime(docker, FileTime.fromMillis(1_000_000));
        String newClient = EngineIdentity.of(List.of("docker"), env(socket), null, null);
        Files.delete(socket);
        Files.createFile(socket); // a restarted daemon makes a new socket
        String restarted = EngineIdentity.of(List.of("docker"), env(socket), null, null);
        String otherHost = EngineIdentity.of(List.of("docker"), Map.of("PATH", dir.resolve("bin").toString(),
                "DOCKER_HOST", "tcp://127.0.0.1:2375"), null, null);
        String buildx = EngineIdentity.of(List.of("docker"), env(socket), Backend.BUILDX, null);
        String network = EngineIdentity.of(List.of("docker"), env(socket), null, "host");

        assertThat(List.of(key, newClient, restarted, otherHost, buildx, network)).doesNotHaveDuplicates();
    }

    @Test
    void shouldNameTheSocketOfADockerHost() {
        assertThat(EngineIdentity.socket(null)).isEqualTo(Path.of("/var/run/docker.sock"));
        assertThat(EngineIdentity.socket("unix:///run/x/docker.sock")).isEqualTo(Path.of("/run/x/docker.sock"));
        assertThat(EngineIdentity.socket("tcp://127.0.0.1:2375")).isNull();
    }
}
