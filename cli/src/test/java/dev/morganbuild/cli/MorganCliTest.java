package dev.morganbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MorganCliTest {
    static final String EXAMPLE = Path.of("../examples/morgan-stack/docker-compose.yml").toAbsolutePath().normalize().toString();

    @ParameterizedTest
    @ValueSource(strings = {"build", "plan", "report", "cache", "cache du", "cache prune"})
    void shouldOfferHelpOnEveryCommand(String command) {
        String[] args = (command + " --help").split(" ");
        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: morgan " + command);
    }

    /** The default --node, read from /proc without a resolver query, is the name the resolver gave before. */
    @Test
    void shouldNameThisMachineAsTheResolverDoesWithoutAskingIt() throws Exception {
        assertThat(BuildCommand.hostName()).isEqualTo(java.net.InetAddress.getLocalHost().getHostName());
    }

    @Test
    void shouldDocumentExitCodesInTopLevelHelp() {
        CliRun run = CliRun.of("--help");

        assertThat(run.out()).contains("Exit codes:").contains("130").contains("bad input");
    }

    @Test
    void shouldPlanCudaServicesOnGpuLabelAsJson(@TempDir Path cache) {
        CliRun run = CliRun.of("plan", "--all", "-f", EXAMPLE, "--cache-root", cache.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"service\" : \"tts\"").contains("\"nodeLabel\" : \"gpu\"")
                .contains("\"nodeLabel\" : \"docker && !gpu\"");
    }

    @Test
    void shouldPrintWhichGpuRuleFiredForEachService(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("services/tts"));
        Files.writeString(dir.resolve("services/tts/Dockerfile"), """
                FROM pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime AS build-amd64
                FROM python:3.11-slim AS build-arm64
                FROM build-${TARGETARCH}
                """);
        Files.writeString(dir.resolve("services/Dockerfile"), "FROM python:3.11-slim\n");
        Path compose = Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  tts:
                    build: {context: services/tts, platforms: [linux/amd64]}
                  ollama:
                    build: services
                    deploy:
                      resources:
                        reservations:
                          devices:
                            - driver: nvidia
                              capabilities: [compute, utility]
                  web:
                    build: services
                """);

        CliRun text = CliRun.of("plan", "--all", "-f", compose.toString(), "--cache-root", dir.resolve("c").toString());
        CliRun json = CliRun.of("plan", "--all", "-f", compose.toString(), "--cache-root", dir.resolve("c").toString(),
                "--json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("gpu: base image pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime: cuda in tag "
                        + "(FROM line 1 of services/tts/Dockerfile, TARGETARCH=amd64)")
                .contains("gpu: deploy.resources.reservations.devices: driver nvidia (line 10)")
                .contains("gpu: no GPU use found");
        assertThat(json.out()).contains("\"gpuRule\" : \"cuda-image\"").contains("\"gpuRule\" : \"device-reservation\"")
                .contains("\"gpuRule\" : \"none\"");
    }

    @Test
    void shouldPlanOnlyCpuServicesAsText(@TempDir Path cache) {
        CliRun run = CliRun.of("plan", "--cpu", "-f", EXAMPLE, "--cache-root", cache.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("core").contains("llm").doesNotContain("tts");
    }

    @Test
    void shouldExitWithUserErrorNamingFileLineAndFixForBrokenCompose(@TempDir Path dir) throws Exception {
        Path compose = dir.resolve("docker-compose.yml");
        Files.writeString(compose, "services:\n  web:\n    build: [\n");

        CliRun run = CliRun.of("plan", "-f", compose.toString(), "--cache-root", dir.resolve("c").toString());

        assertThat(run.exitCode()).isEqualTo(MorganCli.USER_ERROR);
        assertThat(run.err()).contains(compose.toString() + ":").contains("fix:").doesNotContain("\tat ");
    }

    @Test
    void shouldExitWithUserErrorForUnknownService(@TempDir Path cache) {
        CliRun run = CliRun.of("plan", "ttx", "-f", EXAMPLE, "--cache-root", cache.toString());

        assertThat(run.exitCode()).isEqualTo(MorganCli.USER_ERROR);
        assertThat(run.err()).contains("unknown service 'ttx'").contains("core, llm, tts, stt");
    }

    @Test
    void shouldRefuseUnwritableFoldersAsHostErrorsAndANonPositiveParallelismAsInputBeforeBuilding(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        CliRun history = CliRun.of("build", "core", "-f", EXAMPLE, "--cache-root", dir.resolve("c").toString(),
                "--history", file.resolve("history").toString());
        CliRun cacheRoot = CliRun.of("build", "core", "-f", EXAMPLE, "--cache-root", "/proc/self/morgan");
        CliRun parallel = CliRun.of("build", "core", "-f", EXAMPLE, "--cache-root", dir.resolve("c").toString(), "-j", "0");
        CliRun report = CliRun.of("report", "-f", EXAMPLE, "--history", file.toString(), "--out", dir.resolve("r").toString());

        // a folder this machine will not let it write is the host's problem (exit 3), as the README's table says
        assertThat(history.exitCode()).isEqualTo(MorganCli.HOST_ERROR);
        assertThat(history.err()).contains("--history: cannot create the folder " + file.resolve("history"))
                .contains("fix: pass a folder this user can create and write with --history").doesNotContain("\tat ");
        assertThat(cacheRoot.exitCode()).isEqualTo(MorganCli.HOST_ERROR);
        assertThat(cacheRoot.err()).contains("--cache-root: cannot create the folder /proc/self/morgan");
        assertThat(parallel.exitCode()).isEqualTo(MorganCli.USER_ERROR);
        assertThat(parallel.err()).contains("--parallel must be 1 or more, not 0");
        // a command without that check still says what it could not do, without a stack trace
        assertThat(report.exitCode()).isEqualTo(MorganCli.HOST_ERROR);
        assertThat(report.err()).contains("cannot create history folder " + file).contains("fix:").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-t|Bad Tag:1|not a valid image reference", "--target|-evil|is not a stage name",
        "--target|nosuchstage|is not a stage of the Dockerfile of core", "--build-arg|=x|has no KEY=VALUE form",
        "--build-arg|A B=1|build arg name 'A B' contains whitespace"})
    void shouldExitWithInputErrorForABadBuildValueBeforeBuildingAnything(String spec, @TempDir Path dir) {
        String[] p = spec.split("\\|");
        CliRun run = CliRun.of("build", "core", "-f", EXAMPLE, "--cache-root", dir.resolve("c").toString(),
                "--docker", "/nonexistent/docker", p[0], p[1]);

        // an input error (2), found before docker is even asked (the client given here does not exist)
        assertThat(run.exitCode()).as(run.err()).isEqualTo(MorganCli.USER_ERROR);
        assertThat(run.err()).contains(p[2]).contains("fix:").doesNotContain("\tat ").doesNotContain("/nonexistent");
    }

    @Test
    void shouldRefuseAMissingOrMalformedRegistryCredentialsFileBeforeBuildingAnything(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.json");
        Path broken = Files.writeString(dir.resolve("creds.json"), "{\"registry\": \"127.0.0.1:5000\",\n"
                + " \"username\": \"ci\", \"password\": \"s3cret-value\"");
        for (Path file : List.of(missing, broken)) {
            CliRun run = CliRun.of("build", "core", "-f", EXAMPLE, "--cache-root", dir.resolve("c").toString(),
                    "--docker", "/nonexistent/docker", "--push", "--registry-credentials-file", file.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(MorganCli.USER_ERROR);
            assertThat(run.err()).contains(file.toString()).contains("fix:").doesNotContain("\tat ")
                    .doesNotContain("s3cret-value").doesNotContain("/nonexistent");
        }
        assertThat(CliRun.of("build", "core", "-f", EXAMPLE, "--docker", "/nonexistent/docker",
                "--registry-credentials-file", broken.toString()).err()).contains(broken + ":2:")
                .contains("is not valid JSON");
    }

    @Test
    void shouldRefuseANewAgentBenchThatCannotRunBeforeBuildingAnything(@TempDir Path dir) {
        CliRun badRegistry = CliRun.of("bench", "-f", EXAMPLE, "--scenarios", "newagent", "--registry", "not a host",
                "--docker", "/nonexistent/docker", "-o", dir.toString());
        CliRun badFile = CliRun.of("bench", "-f", EXAMPLE, "--scenarios", "newagent", "--registry", "127.0.0.1:5000",
                "--registry-credentials-file", dir.resolve("none.json").toString(), "--docker", "/nonexistent/docker",
                "-o", dir.toString());

        assertThat(badRegistry.exitCode()).as(badRegistry.err()).isEqualTo(MorganCli.USER_ERROR);
        assertThat(badRegistry.err()).contains("--registry not a host is not a registry").contains("fix:");
        assertThat(badFile.exitCode()).as(badFile.err()).isEqualTo(MorganCli.USER_ERROR);
        assertThat(badFile.err()).contains(dir.resolve("none.json") + ": registry credentials file not found");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldExitWithAnInternalErrorCodeAndOneLineForAnUnexpectedException() {
        java.io.StringWriter text = new java.io.StringWriter();
        int code = MorganCli.exitCodeFor(new IllegalStateException("boom"), new java.io.PrintWriter(text, true));

        assertThat(code).isEqualTo(MorganCli.INTERNAL_ERROR).isNotEqualTo(MorganCli.BUILD_FAILED);
        assertThat(text.toString().strip()).doesNotContain("\n").startsWith("morgan: internal error: ")
                .contains("IllegalStateException: boom").contains("please report it");
    }

    @Test
    void shouldRejectUnknownOptionsWithUsageError() {
        CliRun run = CliRun.of("build", "--paralel", "2");

        assertThat(run.exitCode()).isEqualTo(MorganCli.USER_ERROR);
        assertThat(run.err()).contains("--paralel");
    }

    @Test
    void shouldShowEmptyCacheRoot(@TempDir Path cache) {
        CliRun run = CliRun.of("cache", "du", "--cache-root", cache.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cache root: " + cache).contains("(total)").contains("last prune: never");
    }

    @Test
    void shouldReadSeveralFilesEnvFilesAndProfilesAndReportEveryBrokenServiceAtOnce(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM python:3.11-slim AS runtime\n");
        Files.writeString(dir.resolve("base.yml"), """
                services:
                  api:
                    build: app
                    image: ${REG}/api:1
                  gpu:
                    build: app
                    profiles: [cuda]
                  broken:
                    build: {context: app, dockerfile: missing}
                    profiles: [debug]
                """);
        Files.writeString(dir.resolve("prod.yml"), "services:\n  api:\n    build: {target: runtime}\n");
        Files.writeString(dir.resolve("ci.env"), "REG=registry.example.com\n");
        String cache = dir.resolve("c").toString();

        CliRun run = CliRun.of("plan", "--all", "-f", dir.resolve("base.yml").toString(), "-f", dir.resolve("prod.yml").toString(),
                "--env-file", dir.resolve("ci.env").toString(), "--profile", "cuda", "--cache-root", cache, "--json");
        assertThat(run.exitCode()).as(run.err()).isZero(); // without ci.env's REG the image '/api:1' is refused
        assertThat(run.out()).contains("\"service\" : \"api\"").contains("\"service\" : \"gpu\"")
                .contains("\"target\" : \"runtime\"").doesNotContain("\"service\" : \"broken\"");

        CliRun broken = CliRun.of("plan", "--all", "-f", dir.resolve("base.yml").toString(), "--profile", "*",
                "--cache-root", cache);
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("Dockerfile 'missing' does not exist").contains("/api:1");
    }
}
