package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.stack.BuildSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a request carries into the compose file: the build's environment, and its secret folders. */
class BuildServiceTest {
    @TempDir
    Path dir;

    private static StackRequest request(Path workspace, Map<String, String> env) {
        return StackRequest.builder().workingDir(workspace).trustRoot(workspace).env(env)
                .cacheRoot(workspace.resolve("cache")).node("node-1").runId("run-1").build();
    }

    private Path workspace(String secretFile) throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.createDirectories(ws.resolve("app"));
        Files.writeString(ws.resolve("app/Dockerfile"), "FROM debian:bookworm\nRUN true\n");
        Files.writeString(ws.resolve("docker-compose.yml"), "secrets:\n  npmrc: {file: \"" + secretFile + "\"}\n"
                + "services:\n  web:\n    image: registry.example/web:${TAG:?set TAG}\n"
                + "    build:\n      context: app\n      secrets: [npmrc]\n");
        return ws;
    }

    @Test
    void shouldReadTheComposeFileWithTheBuildsEnvironmentAndItsSecretDirs() throws Exception {
        // as withCredentials(file(...)) does: the file lies in the workspace's @tmp folder, outside the checkout
        Path tmp = Files.createDirectories(dir.resolve("ws@tmp/secretFiles/1234"));
        Files.writeString(tmp.resolve("npmrc"), "//registry/:_authToken=abc\n");
        Path ws = workspace("${NPMRC}");

        Plan plan = BuildService.local().plan(request(ws, Map.of("TAG", "7", "NPMRC", tmp.resolve("npmrc").toString(),
                "MORGAN_SECRET_DIRS", dir.resolve("ws@tmp").toString())));

        BuildSpec web = plan.service("web").orElseThrow().service().build();
        assertThat(web.tags()).containsExactly("registry.example/web:7");
        assertThat(web.secrets().get(0).file()).isEqualTo(tmp.toRealPath().resolve("npmrc").toString());
    }

    @Test
    void shouldRefuseTheSameSecretFileWithoutSecretDirsInTheBuildsEnvironment() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("ws@tmp/secretFiles/1234"));
        Files.writeString(tmp.resolve("npmrc"), "//registry/:_authToken=abc\n");
        Path ws = workspace(tmp.resolve("npmrc").toString());

        assertThatThrownBy(() -> BuildService.local().plan(request(ws, Map.of("TAG", "7"))))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.file()).isEqualTo(ws.resolve("docker-compose.yml").toString());
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.problem()).contains("is outside the project directory");
                });
    }
}
