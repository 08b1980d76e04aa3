package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.dockerfile.DockerfileInfo;
import dev.morganbuild.engine.dockerfile.BaseFingerprint;
import dev.morganbuild.engine.record.CacheMountPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class ComposeParserTest {
    @TempDir
    Path dir;

    @Test
    void shouldDetectGpuServicesOfTheExampleStack() {
        Stack stack = Fixture.parse(Fixture.exampleStack(dir));

        assertThat(stack.serviceNames()).containsExactly("core", "llm", "tts", "stt");
        assertThat(stack.service("tts").gpu())
                .isEqualTo(new GpuRequirement(true, "deploy.resources.reservations.devices: driver nvidia (line 55)",
                        GpuRequirement.Rule.DEVICE_RESERVATION));
        assertThat(stack.service("stt").gpu().required()).isTrue();
        assertThat(stack.service("stt").gpu().reason())
                .contains("nvidia/cuda:12.4.1-runtime-ubuntu22.04").contains("services/stt/Dockerfile");
        assertThat(stack.service("core").gpu().required()).isFalse();
        assertThat(stack.service("llm").gpu().required()).isFalse();
        assertThat(stack.service("llm").gpu().reason()).contains("morgan/debian:bookworm");
    }

    @Test
    void shouldReadTheExampleStackBuildSectionsAndSettings() throws IOException {
        Stack stack = Fixture.parse(Fixture.exampleStack(dir));
        Path root = dir.toRealPath();

        Service core = stack.service("core");
        assertThat(stack.projectDir()).isEqualTo(root);
        assertThat(core.build().context()).isEqualTo(root);
        assertThat(core.build().dockerfile()).isEqualTo(root.resolve("core/Dockerfile"));
        assertThat(core.build().target()).isEqualTo("app");
        assertThat(core.build().args()).containsExactly(entry("BASE_IMAGE", "morgan/debian:bookworm"));
        assertThat(core.build().labels()).containsExactly(entry("org.opencontainers.image.title", "morgan-core"));
        assertThat(core.build().tags()).containsExactly("morgan-stack/core:latest");
        assertThat(core.settings().smokeTest()).containsExactly("python3", "-m", "core.app", "--health");
        assertThat(core.settings().cacheMode()).isEqualTo("local");
        assertThat(core.settings().cacheBudgetBytes()).isEqualTo(4L << 30);
        assertThat(core.settings().nightlyMounts()).isEqualTo(CacheMountPolicy.KEEP);
        assertThat(core.settings().budgetSeconds()).isEqualTo(600L);
        assertThat(core.settings().gpuLabel()).isEqualTo("gpu");
        assertThat(core.settings().cpuLabel()).isEqualTo("docker && !gpu");
        assertThat(stack.service("llm").dependsOn()).containsExactly("core");
        assertThat(stack.service("llm").settings().smokeTest()).isNull();
        assertThat(stack.service("tts").line()).isEqualTo(40);
    }

    @Test
    void shouldGiveExampleServicesWithTheSameBaseStageTheSameFingerprint() {
        Stack stack = Fixture.parse(Fixture.exampleStack(dir));
        Map<String, String> prints = new java.util.LinkedHashMap<>();
        stack.services().forEach((name, s) -> prints.put(name, BaseFingerprint.of(dockerfile(s), s.build().target())));

        assertThat(prints.get("core")).isEqualTo(prints.get("llm")).isNotEqualTo(prints.get("tts"));
        assertThat(prints.get("tts")).isEqualTo(prints.get("stt"));
        assertThat(BaseFingerprint.baseStage(dockerfile(stack.service("tts")), "app")).map(DockerfileInfo.Stage::name).contains("base");
    }

    @Test
    void shouldMakeSttCpuWhenCudaImageArgIsOverriddenWithANonCudaImage() throws IOException {
        Path compose = Fixture.exampleStack(dir);
        String text = Files.readString(compose).replace(
                "      dockerfile: services/stt/Dockerfile\n",
                "      dockerfile: services/stt/Dockerfile\n      args:\n        CUDA_IMAGE: morgan/debian:bookworm\n");
        Files.writeString(compose, text);

        Service stt = Fixture.parse(compose).service("stt");

        assertThat(stt.gpu().required()).isFalse();
        assertThat(stt.gpu().reason()).contains("morgan/debian:bookworm");
        assertThat(dockerfile(stt).baseImage("app")).isEqualTo("morgan/debian:bookworm");
    }

    @Test
    void shouldLetXMorganGpuForceTheDecisionBothWays() {
        Path compose = Fixture.project(dir, """
                x-morgan:
                  gpu: true
                services:
                  forced:
                    build: {context: ., dockerfile: app/Dockerfile}
                  cuda:
                    build: {context: ., dockerfile: cuda/Dockerfile}
                    x-morgan: {gpu: false}
                """);
        Fixture.write(dir, "cuda/Dockerfile", "FROM nvcr.io/nvidia/cuda:12.4.1-base AS app\n");

        Stack stack = Fixture.parse(compose);

        assertThat(stack.service("forced").gpu().required()).isTrue();
        assertThat(stack.service("forced").gpu().reason()).contains("x-morgan.gpu: true");
        assertThat(stack.service("cuda").gpu().required()).isFalse();
        assertThat(stack.service("cuda").gpu().reason()).contains("x-morgan.gpu: false");
    }

    @Test
    void shouldDetectNvidiaRuntimeAndCudaThroughAStageChain() {
        Path compose = Fixture.project(dir, """
                services:
                  rt:
                    build: .
                    runtime: nvidia
                  chain:
                    build: {context: ., dockerfile: cuda/Dockerfile, target: final}
                """);
        Fixture.write(dir, "Dockerfile", "FROM debian\n");
        Fixture.write(dir, "cuda/Dockerfile", """
                ARG REG=nvcr.io
                FROM ${REG}/nvidia/cuda:12.4.1-devel AS build
                FROM build AS mid
                FROM mid AS final
                """);

        Stack stack = Fixture.parse(compose);

        assertThat(stack.service("rt").gpu())
                .isEqualTo(new GpuRequirement(true, "runtime: nvidia (line 4)", GpuRequirement.Rule.RUNTIME));
        assertThat(stack.service("chain").gpu().reason())
                .isEqualTo("base image nvcr.io/nvidia/cuda:12.4.1-devel: NVIDIA NGC image (FROM line 2 of cuda/Dockerfile)");
    }

    @Test
    void shouldReadTheLongBuildFormWithListsSecretsAndAdditionalContexts() throws IOException {
        Path compose = Fixture.project(dir, """
                name: Demo
                secrets:
                  npm: {file: ./secrets/npm.txt}
                  token: {environment: API_TOKEN}
                services:
                  web:
                    image: ${REGISTRY:-localhost:5000}/web:${TAG:?set TAG}
                    build:
                      context: app
                      args: [PLAIN=1, FROM_ENV, MISSING]
                      tags: [localhost:5000/web:extra, localhost:5000/web:extra]
                      labels: [a=b, flag]
                      cache_from: ["type=local,src=/tmp/c"]
                      cache_to: ["type=local,dest=/tmp/c,mode=max"]
                      secrets: [npm, {source: token, target: api}]
                      network: host
                      platforms: [linux/amd64]
                      additional_contexts:
                        shared: ./shared
                        base: docker-image://debian:bookworm
                        svc: service:plain
                  plain:
                    build: app
                """);
        Files.createDirectories(dir.resolve("shared"));
        Fixture.write(dir, "app/x.txt", "");

        Stack stack = ComposeParser.parse(compose, dir, Map.of("TAG", "1.2", "FROM_ENV", "e"));

        BuildSpec web = stack.service("web").build();
        Path root = dir.toRealPath();
        assertThat(web.context()).isEqualTo(root.resolve("app"));
        assertThat(web.dockerfile()).isEqualTo(root.resolve("app/Dockerfile"));
        assertThat(web.args()).containsExactly(entry("PLAIN", "1"), entry("FROM_ENV", "e"));
        assertThat(web.tags()).containsExactly("localhost:5000/web:1.2", "localhost:5000/web:extra");
        assertThat(web.labels()).containsExactly(entry("a", "b"), entry("flag", ""));
        assertThat(web.cacheFrom()).containsExactly("type=local,src=/tmp/c");
        assertThat(web.cacheTo()).containsExactly("type=local,dest=/tmp/c,mode=max");
        assertThat(web.secrets()).containsExactly(
                new BuildSecret("npm", root.resolve("secrets/npm.txt").toString(), null),
                new BuildSecret("api", null, "API_TOKEN"));
        assertThat(web.network()).isEqualTo("host");
        assertThat(web.platforms()).containsExactly("linux/amd64");
        assertThat(web.additionalContexts()).containsExactly(entry("shared", root.resolve("shared").toString()),
                entry("base", "docker-image://debian:bookworm"), entry("svc", "service:plain"));
        assertThat(stack.service("web").dependsOn()).as("Compose builds a service: context first").containsExactly("plain");
        assertThat(stack.service("plain").build().tags()).containsExactly("demo-plain");
        assertThat(stack.service("plain").build().target()).isNull();
    }

    @Test
    void shouldRefuseAServiceContextThatNamesNoBuildableService() {
        Path compose = Fixture.project(dir, """
                services:
                  db:
                    image: postgres:16
                  api:
                    build:
                      context: app
                      additional_contexts:
                        base: service:db
                  web:
                    build:
                      context: app
                      additional_contexts: [base=service:nope]
                """);

        assertThatThrownBy(() -> Fixture.parse(compose)).isInstanceOfSatisfying(ServiceProblems.class, e -> {
            assertThat(e.problems()).extracting(MorganException::line).containsExactly(8, 12);
            assertThat(e.problems().get(0).problem()).contains("names service 'db', which is not a service with a build section");
            assertThat(e.problems().get(1).problem()).contains("names service 'nope'");
            assertThat(e.hint()).contains("docker-image://");
        });
    }

    @Test
    void shouldKeepRemoteContextsForBuildKitAndDecideTheirGpuFromTheComposeFile() throws IOException {
        Path compose = Fixture.project(dir, """
                services:
                  short:
                    build: https://github.com/docker/compose.git
                  whisper:
                    build:
                      context: https://github.com/ahmetoner/whisper-asr-webservice.git#v1.9.1
                      dockerfile: Dockerfile.gpu
                      target: app
                    deploy:
                      resources:
                        reservations:
                          devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]
                  ssh:
                    build: {context: 'git@github.com:org/private.git#main:docker'}
                  inline:
                    build:
                      context: github.com/org/repo
                      dockerfile_inline: |
                        FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04
                """);

        Stack stack = Fixture.parse(compose);

        BuildSpec shortForm = stack.service("short").build();
        assertThat(shortForm.remote()).isEqualTo(new RemoteContext("https://github.com/docker/compose.git", "Dockerfile"));
        assertThat(shortForm.context()).isNull();
        assertThat(shortForm.dockerfile()).isNull();
        BuildSpec whisper = stack.service("whisper").build();
        assertThat(whisper.contextText()).isEqualTo("https://github.com/ahmetoner/whisper-asr-webservice.git#v1.9.1");
        assertThat(whisper.dockerfileText()).as("the path inside the repository, as written").isEqualTo("Dockerfile.gpu");
        assertThat(whisper.target()).as("not checked: the Dockerfile is BuildKit's to read").isEqualTo("app");
        assertThat(stack.service("whisper").gpu().rule()).isEqualTo(GpuRequirement.Rule.DEVICE_RESERVATION);
        assertThat(stack.service("ssh").gpu().required()).isFalse();
        assertThat(stack.service("ssh").gpu().reason()).contains("remote context git@github.com:org/private.git#main:docker")
                .contains("x-morgan.gpu: true");
        BuildSpec inline = stack.service("inline").build();
        assertThat(inline.remote().dockerfile()).as("the inline Dockerfile is local").isNull();
        assertThat(inline.dockerfile()).exists();
        assertThat(stack.service("inline").gpu().rule()).isEqualTo(GpuRequirement.Rule.CUDA_IMAGE);
    }

    @Test
    void shouldRefuseContextsThatAreNeitherFoldersNorFetchableUrls() {
        Path compose = Fixture.project(dir, """
                services:
                  image:
                    build: {context: 'docker-image://alpine:3.20'}
                  blank:
                    build: 'https://example.com/my repo.git'
                  local-file:
                    build: {context: 'https://example.com/repo.git', dockerfile: /etc/passwd}
                  climbing:
                    build: {context: 'https://example.com/repo.git', dockerfile: ../../agent/Dockerfile}
                """);

        assertThatThrownBy(() -> Fixture.parse(compose)).isInstanceOfSatisfying(ServiceProblems.class, e -> {
            assertThat(e.problems()).extracting(MorganException::line).containsExactly(3, 5, 7, 9);
            assertThat(e.problems().get(0).problem()).contains("is neither a local folder nor a git or HTTP(S) URL");
            assertThat(e.problems().get(1).problem()).contains("contains blanks or control characters");
            assertThat(e.problems().get(2).problem()).contains("'/etc/passwd' is not a path inside the remote context");
            assertThat(e.problems().get(3).problem()).contains("is not a path inside the remote context");
        });
    }

    @Test
    void shouldResolveAdditionalContextsFromTheProjectDirectoryLikeComposeAlsoThroughExtends() throws IOException {
        Files.createDirectories(dir.resolve("models"));
        Files.createDirectories(dir.resolve("base/assets"));
        Fixture.write(dir, "base/Dockerfile", "FROM alpine\n");
        Fixture.write(dir, "base/services.yml", "services:\n  tool:\n    build:\n      context: .\n"
                + "      additional_contexts: [assets=./assets, img=docker-image://alpine, t=target:x]\n");
        Path compose = Fixture.project(dir, """
                services:
                  app:
                    build:
                      context: app
                      additional_contexts: {models: ./models}
                  tool:
                    extends: {file: base/services.yml, service: tool}
                """);

        Stack stack = Fixture.parse(compose);

        Path root = dir.toRealPath();
        assertThat(stack.service("app").build().additionalContexts()).as("not app/models")
                .containsExactly(entry("models", root.resolve("models").toString()));
        assertThat(stack.service("tool").build().additionalContexts()).as("the extended file's folder")
                .containsExactly(entry("assets", root.resolve("base/assets").toString()), entry("img", "docker-image://alpine"),
                        entry("t", "target:x"));
    }

    @Test
    void shouldKeepARemoteContextReachedThroughExtendsFromAnotherFolder() {
        Fixture.write(dir, "base/services.yml", "services:\n  remote:\n    build: {context: 'github.com/org/repo#v2', dockerfile: gpu.Dockerfile}\n");
        Path compose = Fixture.project(dir, "services:\n  app:\n    extends: {file: base/services.yml, service: remote}\n");

        assertThat(Fixture.parse(compose).service("app").build().remote())
                .isEqualTo(new RemoteContext("github.com/org/repo#v2", "gpu.Dockerfile"));
    }

    @Test
    void shouldReadDependsOnMapFormAndLookThroughServicesWithoutBuild() {
        Path compose = Fixture.project(dir, """
                services:
                  db:
                    image: postgres:16
                    depends_on: [base]
                  base:
                    build: {context: ., dockerfile: app/Dockerfile}
                  api:
                    build: {context: ., dockerfile: app/Dockerfile}
                    depends_on:
                      db: {condition: service_healthy}
                """);

        Stack stack = Fixture.parse(compose);

        assertThat(stack.serviceNames()).containsExactly("base", "api");
        assertThat(stack.service("api").dependsOn()).containsExactly("base");
    }

    @Test
    void shouldMergeServiceXMorganOverTopLevelDefaults() {
        Path compose = Fixture.project(dir, """
                x-morgan:
                  cpu-label: docker
                  cache: {mode: registry, ref: registry.example.com/cache/app:bc, budget: 500MB}
                  budget: 1h30m
                  smoke-test: "python3 -c 'print(\\"a b\\")' --x"
                x-build: &build
                  context: .
                  dockerfile: app/Dockerfile
                services:
                  a:
                    build:
                      <<: *build
                      target: app
                    x-morgan:
                      node-label: "fast && linux"
                      budget: 90
                      cache: {budget: 1073741824}
                      nightly: {cache-mounts: drop}
                      smoke-test: [run, "--health"]
                  b:
                    build: *build
                """);

        Stack stack = Fixture.parse(compose);

        MorganSettings a = stack.service("a").settings();
        assertThat(a.nodeLabel()).isEqualTo("fast && linux");
        assertThat(a.cpuLabel()).isEqualTo("docker");
        assertThat(a.cacheMode()).isEqualTo("registry");
        assertThat(a.cacheRef()).isEqualTo("registry.example.com/cache/app:bc");
        assertThat(a.cacheBudgetBytes()).isEqualTo(1073741824L);
        assertThat(a.budgetSeconds()).isEqualTo(90L);
        assertThat(a.nightlyMounts()).isEqualTo(CacheMountPolicy.DROP);
        assertThat(a.smokeTest()).containsExactly("run", "--health");
        assertThat(stack.service("a").build().target()).isEqualTo("app");
        MorganSettings b = stack.service("b").settings();
        assertThat(b.cacheBudgetBytes()).isEqualTo(500_000_000L);
        assertThat(b.budgetSeconds()).isEqualTo(5400L);
        assertThat(b.smokeTest()).containsExactly("python3", "-c", "print(\"a b\")", "--x");
        assertThat(stack.defaults().cacheRef()).isEqualTo("registry.example.com/cache/app:bc");
    }

    @Test
    void shouldInterpolateWithDefaultsAndEscapes() {
        Path compose = Fixture.project(dir, """
                services:
                  a:
                    build:
                      context: .
                      dockerfile: ${DF-app/Dockerfile}
                      args:
                        DOLLAR: $$HOME
                        EMPTY_DEFAULT: ${EMPTY:-fallback}
                        EMPTY_KEPT: ${EMPTY-fallback}
                        NESTED: ${UNSET:-${OTHER}-x}
                        ALT: ${OTHER:+alt}
                """);

        Map<String, String> args = ComposeParser.parse(compose, dir, Map.of("EMPTY", "", "OTHER", "o"))
                .service("a").build().args();

        assertThat(args).containsExactly(entry("DOLLAR", "$HOME"), entry("EMPTY_DEFAULT", "fallback"),
                entry("EMPTY_KEPT", ""), entry("NESTED", "o-x"), entry("ALT", "alt"));
    }

    @Test
    void shouldAcceptTheShortBuildFormWithDefaultDockerfile() throws IOException {
        Path compose = Fixture.write(dir, "sub/docker-compose.yml", "services:\n  s:\n    build: ctx\n");
        Fixture.write(dir, "sub/ctx/Dockerfile", "FROM alpine\n");

        Stack stack = ComposeParser.parse(compose, dir, Map.of());

        assertThat(stack.service("s").build().dockerfile()).isEqualTo(dir.toRealPath().resolve("sub/ctx/Dockerfile"));
        assertThat(stack.service("s").build().tags()).containsExactly("sub-s");
        assertThat(stack.service("s").gpu().required()).isFalse();
        assertThat(List.copyOf(stack.services().keySet())).containsExactly("s");
    }

    private static DockerfileInfo dockerfile(Service s) {
        return DockerfileInfo.parse(s.build().dockerfile(), s.build().args());
    }
}
