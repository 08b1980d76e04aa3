package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.Planner;
import dev.morganbuild.engine.plan.PlanOptions;
import dev.morganbuild.engine.plan.Selection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.morganbuild.engine.stack.Fixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Compose projects as Compose v2 reads them: env files, several files, extends, include, profiles, trust root. */
class ComposeProjectTest {
    @TempDir
    Path dir;

    private Stack parse(Path wd, List<String> files, List<String> envFiles, List<String> profiles, Map<String, String> env) {
        return ComposeParser.parse(new ProjectOptions(wd, files.stream().map(Path::of).toList(), null,
                envFiles.stream().map(Path::of).toList(), profiles, null, env));
    }

    private Stack parse(Path wd, String... files) {
        return parse(wd, List.of(files), List.of(), List.of(), Map.of());
    }

    @Test
    void shouldReadDotEnvWithTheProcessEnvironmentWinningAndEnvFilesOverridingInOrder() {
        write(dir, "app/Dockerfile", "ARG BASE\nFROM ${BASE}\n");
        write(dir, "docker-compose.yml", "services:\n  app:\n    image: ${IMAGE:?set IMAGE}\n    build:\n"
                + "      context: app\n      args:\n        BASE: ${BASE:-debian}\n        QUOTED: ${QUOTED}\n        FROM_OS: ${OS}\n");
        write(dir, ".env", "# comment\nexport IMAGE=reg/app:1\nBASE=nvidia/cuda:12.1-base # trailing comment\n"
                + "QUOTED=\"a ${BASE} b\"\nOS=from-dotenv\n");
        write(dir, "one.env", "IMAGE=reg/app:one\nBASE=ubuntu\n");
        write(dir, "two.env", "IMAGE=reg/app:two\nOS='lit ${X}'\n");

        BuildSpec fromDotEnv = parse(dir, List.of(), List.of(), List.of(), Map.of("OS", "from-os")).service("app").build();
        assertThat(fromDotEnv.tags()).containsExactly("reg/app:1");
        assertThat(fromDotEnv.args()).containsExactly(entry("BASE", "nvidia/cuda:12.1-base"),
                entry("QUOTED", "a nvidia/cuda:12.1-base b"), entry("FROM_OS", "from-os"));

        BuildSpec fromEnvFiles = parse(dir, List.of(), List.of("one.env", "two.env"), List.of(), Map.of()).service("app").build();
        assertThat(fromEnvFiles.tags()).containsExactly("reg/app:two");
        assertThat(fromEnvFiles.args()).contains(entry("BASE", "ubuntu"), entry("FROM_OS", "lit ${X}"));
    }

    @Test
    void shouldTakeComposeFileProjectNameAndProfilesFromDotEnv() {
        write(dir, "app/Dockerfile", "FROM alpine\n");
        write(dir, "base.yml", "services:\n  app:\n    build: app\n  gpu:\n    build: app\n    profiles: [cuda]\n");
        write(dir, "more.yml", "services:\n  app:\n    build:\n      args: {A: '1'}\n");
        write(dir, ".env", "COMPOSE_FILE=base.yml:more.yml\nCOMPOSE_PROJECT_NAME=Shop\nCOMPOSE_PROFILES=cuda\n");

        Stack stack = parse(dir);
        assertThat(stack.service("app").build().args()).containsExactly(entry("A", "1"));
        assertThat(stack.service("app").build().tags()).containsExactly("shop-app");
        assertThat(stack.active("gpu")).isTrue();
    }

    @Test
    void shouldMergeSeveralFilesByComposeRulesWithPathsFromTheProjectDirectory() throws IOException {
        write(dir, "app/Dockerfile", "FROM alpine AS dev\nFROM alpine AS prod\n");
        write(dir, "docker/cuda/Dockerfile", "FROM nvidia/cuda:12.4.1-base-ubuntu22.04\n");
        write(dir, "compose.yaml", "services:\n  app:\n    image: app:1\n    build:\n      context: app\n      target: dev\n"
                + "      args: [A=1, B=2]\n      cache_from: ['type=local,src=/a']\n    profiles: [x]\n");
        write(dir, "docker/cuda/override.yml", "services:\n  app:\n    build:\n      target: prod\n"
                + "      args: {B: '3', C: '4'}\n      cache_from: ['type=local,src=/a', 'type=local,src=/b']\n    profiles: [y]\n"
                + "  cuda:\n    build:\n      context: docker/cuda\n");

        Stack stack = parse(dir, List.of("compose.yaml", "docker/cuda/override.yml"), List.of(), List.of("*"), Map.of());
        BuildSpec app = stack.service("app").build();
        assertThat(app.target()).isEqualTo("prod");
        assertThat(app.args()).containsExactly(entry("A", "1"), entry("B", "3"), entry("C", "4"));
        assertThat(app.cacheFrom()).containsExactly("type=local,src=/a", "type=local,src=/b");
        assertThat(app.tags()).containsExactly("app:1");
        assertThat(stack.service("cuda").build().context()).isEqualTo(dir.toRealPath().resolve("docker/cuda"));
    }

    @Test
    void shouldLoadTheOverrideFileWhenNoFileIsGivenAndHonourReset() {
        write(dir, "app/Dockerfile", "FROM alpine AS dev\n");
        write(dir, "docker-compose.yml", "services:\n  app:\n    build: {context: app, target: dev, args: {A: '1'}}\n");
        write(dir, "docker-compose.override.yml", "services:\n  app:\n    build:\n      target: !reset null\n      args: {B: '2'}\n");

        BuildSpec app = parse(dir).service("app").build();
        assertThat(app.target()).isNull();
        assertThat(app.args()).containsExactly(entry("A", "1"), entry("B", "2"));
    }

    @Test
    void shouldResolveExtendsChainsInOneFileAndFromAnotherFolder() throws IOException {
        write(dir, "app/Dockerfile", "FROM alpine\n");
        write(dir, "common/base/Dockerfile", "FROM nvidia/cuda:12.1.0-runtime-ubuntu22.04\n");
        write(dir, "common/base.yml", "services:\n  gpu-base:\n    build:\n      context: base\n      args: {CUDA: '12.1'}\n");
        write(dir, "docker-compose.yml", "services:\n  a:\n    build: {context: app, args: {X: '1'}}\n  b:\n    extends: a\n"
                + "    build: {args: {Y: '2'}}\n  c:\n    extends: {service: b}\n    image: c:1\n"
                + "  gpu:\n    extends: {file: common/base.yml, service: gpu-base}\n    build: {args: {Z: '3'}}\n");

        Stack stack = parse(dir);
        assertThat(stack.service("c").build().args()).containsExactly(entry("X", "1"), entry("Y", "2"));
        assertThat(stack.service("c").build().tags()).containsExactly("c:1");
        assertThat(stack.service("gpu").build().context()).isEqualTo(dir.toRealPath().resolve("common/base"));
        assertThat(stack.service("gpu").build().args()).containsExactly(entry("CUDA", "12.1"), entry("Z", "3"));
        assertThat(stack.service("gpu").gpu().required()).isTrue();
    }

    @Test
    void shouldRefuseAnExtendsCycleAtTheExtendsThatClosesIt() {
        write(dir, "app/Dockerfile", "FROM alpine\n");
        Path f = write(dir, "docker-compose.yml", "services:\n  a:\n    extends: b\n    build: app\n  b:\n    extends: a\n");
        assertThatThrownBy(() -> parse(dir)).isInstanceOfSatisfying(MorganException.class, e -> {
            assertThat(e.file()).isEqualTo(f.toString());
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.problem()).contains("cycle: a -> b -> a");
        });
    }

    @Test
    void shouldIncludeProjectsInShortAndLongFormWithTheirOwnFolderAndEnv() throws IOException {
        write(dir, "docker-compose.yml", "include:\n  - tts/compose.yaml\n  - path: llm/compose.yaml\n"
                + "    env_file: llm/llm.env\nservices:\n  web:\n    build: tts\n");
        write(dir, "tts/Dockerfile", "FROM alpine\n");
        write(dir, "tts/compose.yaml", "services:\n  tts:\n    build: .\n    image: tts:${TTS_TAG}\n");
        write(dir, "tts/.env", "TTS_TAG=from-tts-env\n");
        write(dir, "llm/Dockerfile", "FROM alpine\n");
        write(dir, "llm/compose.yaml", "services:\n  llm:\n    build: {context: ., args: {M: '${MODEL}'}}\n");
        write(dir, "llm/llm.env", "MODEL=llama\n");

        Stack stack = parse(dir);
        assertThat(stack.serviceNames()).containsExactly("web", "tts", "llm");
        assertThat(stack.service("tts").build().context()).isEqualTo(dir.toRealPath().resolve("tts"));
        assertThat(stack.service("tts").build().tags()).containsExactly("tts:from-tts-env");
        assertThat(stack.service("llm").build().args()).containsExactly(entry("M", "llama"));
    }

    @Test
    void shouldBuildServicesOfActiveProfilesAndNamedServicesAlways() {
        write(dir, "app/Dockerfile", "FROM alpine\n");
        write(dir, "docker-compose.yml", "services:\n  core:\n    build: app\n  gpu:\n    build: app\n    profiles: [cuda]\n"
                + "  debug:\n    build: app\n    profiles: [dev, debug]\n");
        PlanOptions options = PlanOptions.defaults(dir.resolve("cache"));

        assertThat(names(Planner.standard().plan(parse(dir), Selection.all(), options))).containsExactly("core");
        assertThat(names(Planner.standard().plan(parse(dir, List.of(), List.of(), List.of("debug"), Map.of()),
                Selection.all(), options))).containsExactly("core", "debug");
        assertThat(names(Planner.standard().plan(parse(dir, List.of(), List.of(), List.of("*"), Map.of()),
                Selection.all(), options))).containsExactly("core", "gpu", "debug");
        assertThat(names(Planner.standard().plan(parse(dir), Selection.named(List.of("gpu")), options))).containsExactly("gpu");
    }

    @Test
    void shouldBuildTheServiceOfAServiceContextFirstWhateverIsSelected() {
        write(dir, "base.dockerfile", "FROM alpine\n");
        write(dir, "service.dockerfile", "FROM base\n");
        write(dir, "docker-compose.yml", "services:\n  service:\n    build:\n      context: .\n      dockerfile: service.dockerfile\n"
                + "      additional_contexts:\n        base: service:base\n  base:\n    build: {context: ., dockerfile: base.dockerfile}\n"
                + "    profiles: [tools]\n");
        PlanOptions options = PlanOptions.defaults(dir.resolve("cache"));

        Plan named = Planner.standard().plan(parse(dir), Selection.named(List.of("service")), options);
        assertThat(names(named)).containsExactly("base", "service");
        assertThat(named.services().get(1).after()).containsExactly("base");
        assertThat(named.services().get(1).afterReasons()).containsExactly("additional context base is its image");
        assertThat(named.services().get(1).needs()).containsExactly("base");
        assertThat(names(Planner.standard().plan(parse(dir), Selection.all(), options)))
                .as("its profile is not active, but its image is an input").containsExactly("base", "service");
    }

    @Test
    void shouldRefuseServiceContextsThatNameEachOther() {
        write(dir, "Dockerfile", "FROM alpine\n");
        write(dir, "docker-compose.yml", "services:\n  a:\n    build: {context: ., additional_contexts: {b: 'service:b'}}\n"
                + "  b:\n    build: {context: ., additional_contexts: {a: 'service:a'}}\n");

        assertThatThrownBy(() -> Planner.standard().plan(parse(dir), Selection.all(), PlanOptions.defaults(dir.resolve("cache"))))
                .isInstanceOf(MorganException.class).hasMessageContaining("service: additional contexts form a cycle among [a, b]");
    }

    @Test
    void shouldActivateTheEmptyProfileUnlessProfilesAreGiven() {
        write(dir, "app/Dockerfile", "FROM alpine\n");
        write(dir, "docker-compose.yml", "services:\n  ollama:\n    build: app\n    profiles: ['', ollama-cpu, ollama-cuda]\n"
                + "  llamacpp:\n    build: app\n    profiles: [llamacpp-cpu]\n");
        PlanOptions options = PlanOptions.defaults(dir.resolve("cache"));

        assertThat(names(Planner.standard().plan(parse(dir), Selection.all(), options))).containsExactly("ollama");
        assertThat(names(Planner.standard().plan(parse(dir, List.of(), List.of(), List.of(), Map.of("COMPOSE_PROFILES", "")),
                Selection.all(), options))).containsExactly("ollama");
        assertThat(names(Planner.standard().plan(parse(dir, List.of(), List.of(), List.of("ollama-cuda"), Map.of()),
                Selection.all(), options))).containsExactly("ollama");
        assertThat(names(Planner.standard().plan(parse(dir, List.of(), List.of(), List.of("llamacpp-cpu"), Map.of()),
                Selection.all(), options))).containsExactly("llamacpp");
        assertThat(names(Planner.standard().plan(parse(dir, List.of(), List.of(), List.of(), Map.of("COMPOSE_PROFILES",
                "llamacpp-cpu")), Selection.all(), options))).containsExactly("llamacpp");
    }

    @Test
    void shouldReportEveryBrokenServiceAtOnceAndIgnoreUnselectedOnes() {
        write(dir, "app/Dockerfile", "FROM alpine\n");
        Path f = write(dir, "docker-compose.yml", "services:\n  ok:\n    build: app\n  a:\n    build: {context: app, dockerfile: nope}\n"
                + "  b:\n    build: missing\n");
        Stack stack = parse(dir);
        PlanOptions options = PlanOptions.defaults(dir.resolve("cache"));

        assertThat(names(Planner.standard().plan(stack, Selection.named(List.of("ok")), options))).containsExactly("ok");
        assertThatThrownBy(() -> Planner.standard().plan(stack, Selection.all(), options))
                .isInstanceOfSatisfying(ServiceProblems.class, e -> {
                    assertThat(e.problems()).extracting(MorganException::line).containsExactly(5, 7);
                    assertThat(e.file()).isEqualTo(f.toString());
                    assertThat(e.getMessage()).contains("Dockerfile 'nope' does not exist").contains("build context 'missing'");
                });
    }

    @Test
    void shouldAllowContextsAboveTheComposeFileInsideTheGitWorkTreeAndNameTheFlagOtherwise() throws IOException {
        Files.createDirectories(dir.resolve("repo/.git"));
        write(dir, "repo/src/Dockerfile", "FROM alpine\n");
        write(dir, "repo/docker/cuda/docker-compose.yml", "services:\n  app:\n    build: {context: ../.., dockerfile: src/Dockerfile}\n");
        write(dir, "outside/Dockerfile", "FROM alpine\n");
        write(dir, "repo/docker/bad/docker-compose.yml", "services:\n  app:\n    build: ../../../outside\n");

        assertThat(parse(dir.resolve("repo/docker/cuda")).service("app").build().context()).isEqualTo(dir.toRealPath().resolve("repo"));
        Stack bad = parse(dir.resolve("repo/docker/bad"));
        assertThat(bad.problems().get("app").problem()).contains("outside the trust root " + dir.toRealPath().resolve("repo"));
        assertThat(bad.problems().get("app").hint()).contains("--trust-root");
        Stack widened = ComposeParser.parse(new ProjectOptions(dir.resolve("repo/docker/bad"), List.of(), null, List.of(),
                List.of(), dir, Map.of()));
        assertThat(widened.service("app").build().context()).isEqualTo(dir.toRealPath().resolve("outside"));
    }

    @Test
    void shouldAppendListsWithoutRepeatsAndMergeDictionariesWrittenEitherWay() {
        write(dir, "app/Dockerfile", "FROM alpine\n");
        write(dir, "a.yml", "services:\n  app:\n    build:\n      context: app\n      labels: [a=1, b=2]\n"
                + "      platforms: [linux/amd64]\n      tags: ['app:a']\n    command: [one, two]\n");
        write(dir, "b.yml", "services:\n  app:\n    build:\n      labels: {b: '20', c: '3'}\n"
                + "      platforms: [linux/amd64, linux/arm64]\n      tags: ['app:b']\n    command: [three]\n");

        BuildSpec app = parse(dir, "a.yml", "b.yml").service("app").build();
        assertThat(app.labels()).containsExactly(entry("a", "1"), entry("b", "20"), entry("c", "3"));
        assertThat(app.platforms()).containsExactly("linux/amd64", "linux/arm64");
        assertThat(app.tags()).containsExactly("app:a", "app:b");
    }

    @Test
    void shouldStartRelativePathsAtTheProjectDirectoryAndReadItsDotEnv() throws IOException {
        write(dir, "repo/svc/Dockerfile", "FROM alpine\n");
        write(dir, "repo/.env", "CTX=svc\n");
        write(dir, "repo/deploy/compose.yml", "services:\n  app:\n    build: ${CTX}\n");

        Stack stack = ComposeParser.parse(new ProjectOptions(dir, List.of(Path.of("repo/deploy/compose.yml")),
                Path.of("repo"), List.of(), List.of(), null, Map.of()));
        assertThat(stack.service("app").build().context()).isEqualTo(dir.toRealPath().resolve("repo/svc"));
        write(dir, "repo/compose.yaml", "services:\n  found:\n    build: ${CTX}\n");
        Stack inProjectDir = ComposeParser.parse(new ProjectOptions(dir, List.of(), Path.of("repo"), List.of(), List.of(),
                null, Map.of()));
        assertThat(inProjectDir.serviceNames()).containsExactly("found");
    }

    @Test
    void shouldRefuseAServiceDefinedByTheFileAndItsIncludeAndAnIncludeCycle() {
        write(dir, "app/Dockerfile", "FROM alpine\n");
        write(dir, "inc.yml", "services:\n  app:\n    build: app\n");
        Path f = write(dir, "docker-compose.yml", "include: [inc.yml]\nservices:\n  app:\n    build: app\n");
        assertThatThrownBy(() -> parse(dir)).isInstanceOfSatisfying(MorganException.class, e -> {
            assertThat(e.file()).isEqualTo(f.toString());
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.problem()).contains("service 'app' is defined here and in the included");
        });
        write(dir, "loop.yml", "include: [docker-compose.yml]\nservices: {}\n");
        write(dir, "docker-compose.yml", "include: [loop.yml]\nservices:\n  other:\n    build: app\n");
        assertThatThrownBy(() -> parse(dir)).isInstanceOfSatisfying(MorganException.class,
                e -> assertThat(e.problem()).contains("includes itself"));
    }

    @Test
    void shouldRefuseExtendsOfAnUnknownServiceListingTheKnownOnes() {
        write(dir, "app/Dockerfile", "FROM alpine\n");
        Path f = write(dir, "docker-compose.yml", "services:\n  a:\n    build: app\n  b:\n    extends: {service: nope}\n");
        assertThatThrownBy(() -> parse(dir)).isInstanceOfSatisfying(MorganException.class, e -> {
            assertThat(e.file()).isEqualTo(f.toString());
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.hint()).contains("a, b");
        });
    }

    @Test
    void shouldLetALaterListEntryOfTheSameKeyWinAsComposeDoes() {
        write(dir, "app/Dockerfile", "FROM alpine\n");
        write(dir, "docker-compose.yml", "services:\n  app:\n    build:\n      context: app\n      args: [A=1, B=2, A=3]\n");
        assertThat(parse(dir).service("app").build().args()).containsOnly(entry("A", "3"), entry("B", "2"));
    }

    @Test
    void shouldRefuseADotEnvThatLinksOutOfTheTrustRootWithoutReadingIt() throws IOException {
        Files.createDirectories(dir.resolve("repo/.git"));
        write(dir, "repo/app/Dockerfile", "FROM alpine\n");
        write(dir, "repo/docker-compose.yml", "services:\n  app:\n    build: app\n");
        Path secret = write(dir, "agent/credentials", "not a variable line with a secret\n");
        Files.createSymbolicLink(dir.resolve("repo/.env"), secret);
        assertThatThrownBy(() -> parse(dir.resolve("repo"))).isInstanceOfSatisfying(MorganException.class, e -> {
            assertThat(e.problem()).contains("outside the trust root").doesNotContain("secret");
            assertThat(e.hint()).contains("--trust-root").contains("--env-file");
        });
    }

    private static List<String> names(dev.morganbuild.engine.plan.Plan plan) {
        return plan.services().stream().map(p -> p.service().name()).toList();
    }
}
