package dev.morganbuild.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.job.EnvironmentSecrets;
import dev.morganbuild.engine.job.StackRequest;
import dev.morganbuild.engine.stack.Stack;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the step sends to the engine on the agent: the Pipeline's variables (never the agent process's),
 * where secret files may be, and the compose project's files, profiles and env files.
 */
class AgentRequestTest {
    @TempDir
    Path workspace;

    @Test
    void shouldNotHandTheAgentProcessEnvironmentToCompose() {
        AgentRequest r = new AgentRequest();
        r.env.put("FROM_PIPELINE", "1");

        StackRequest engine = r.toEngine("/agent/ws/job");

        assertThat(System.getenv()).containsKey("PATH");
        assertThat(engine.env()).containsOnlyKeys("FROM_PIPELINE");
    }

    @Test
    void shouldReadComposeFilesInOrderWithTheirProfilesAndEnvFiles() throws IOException {
        Files.writeString(workspace.resolve(".env"), "BASE=debian:bookworm\nGREETING=from-dotenv\n");
        Files.writeString(workspace.resolve("ci.env"), "GREETING=from-ci-env\n");
        Files.writeString(workspace.resolve("compose.yaml"), """
                services:
                  core:
                    build:
                      context: .
                      args: {BASE: "${BASE:?set in .env}", GREETING: "${GREETING}"}
                  tools:
                    profiles: [tools]
                    build: .
                """);
        Files.writeString(workspace.resolve("compose.extra.yaml"), """
                services:
                  core:
                    build:
                      args: {EXTRA: merged}
                """);
        Files.writeString(workspace.resolve("Dockerfile"), "ARG BASE\nFROM ${BASE}\n");
        AgentRequest r = new AgentRequest();
        r.composeFiles.addAll(List.of("compose.yaml", "compose.extra.yaml"));

        Stack dotEnv = BuildService.local().stack(r.toEngine(workspace.toString()));
        r.envFiles.addAll(List.of(".env", "ci.env"));
        r.profiles.add("tools");
        Stack envFiles = BuildService.local().stack(r.toEngine(workspace.toString()));

        assertThat(dotEnv.services().get("core").build().args()).containsEntry("BASE", "debian:bookworm")
                .containsEntry("GREETING", "from-dotenv").containsEntry("EXTRA", "merged");
        assertThat(dotEnv.active("tools")).isFalse();
        assertThat(envFiles.services().get("core").build().args()).containsEntry("GREETING", "from-ci-env");
        assertThat(envFiles.active("tools")).isTrue();
    }

    @Test
    void shouldRefuseAnEnvironmentSecretThePipelineDidNotSet() throws IOException {
        Files.writeString(workspace.resolve("docker-compose.yml"), """
                services:
                  app:
                    build: {context: ., secrets: [tok, npm]}
                secrets:
                  tok: {environment: PATH}
                  npm: {environment: NPM_TOKEN}
                """);
        Files.writeString(workspace.resolve("Dockerfile"), "FROM debian:bookworm\n");
        AgentRequest r = new AgentRequest();
        r.env.put("NPM_TOKEN", "bound by withCredentials");
        StackRequest engine = r.toEngine(workspace.toString());

        Optional<String> problem = EnvironmentSecrets.problem(BuildService.local().stack(engine).services().get("app"),
                engine.env());

        assertThat(problem).hasValueSatisfying(p -> assertThat(p).contains("'tok' (environment: PATH)")
                .doesNotContain("NPM_TOKEN").contains("withCredentials"));
    }

    @Test
    void shouldAllowOnlyTheFoldersOfFilesTheCredentialBindingsWroteAsSecretDirs() {
        AgentRequest r = new AgentRequest();
        r.env.put("NPM_TOKEN", "from withCredentials");
        r.env.put("GCP_KEY", "/agent/ws/job@tmp/secretFiles/4f1c/key.json");
        r.env.put("SSH_KEY", "/agent/ws/job@tmp/secretFiles/9a2b/id_rsa");
        r.env.put("NOT_A_BINDING", "/agent/ws/job@tmp/other-step.txt");
        r.env.put("ESCAPE", "/agent/ws/job@tmp/secretFiles/../../../etc/passwd");

        StackRequest plain = r.toEngine("/agent/ws/job");
        r.env.put("MORGAN_SECRET_DIRS", "/etc/morgan-secrets");
        StackRequest widened = r.toEngine("/agent/ws/job");

        String bound = "/agent/ws/job@tmp/secretFiles/4f1c" + File.pathSeparator + "/agent/ws/job@tmp/secretFiles/9a2b";
        assertThat(plain.env()).containsEntry("NPM_TOKEN", "from withCredentials")
                .containsEntry("MORGAN_SECRET_DIRS", bound);
        assertThat(plain.env().get("MORGAN_SECRET_DIRS")).doesNotContain("etc").isNotEqualTo("/agent/ws/job@tmp");
        assertThat(widened.env()).containsEntry("MORGAN_SECRET_DIRS", "/etc/morgan-secrets" + File.pathSeparator + bound);
        assertThat(r.env.get("MORGAN_SECRET_DIRS")).isEqualTo("/etc/morgan-secrets");
        assertThat(new AgentRequest().toEngine("/agent/ws/job").env()).doesNotContainKey("MORGAN_SECRET_DIRS");
    }
}
