package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.morganbuild.engine.stack.Fixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ComposeValidationTest {
    private static final String HEAD = "services:\n  a:\n    build:\n";

    @TempDir
    Path dir;

    private Path compose(String text) {
        return Fixture.project(dir, text);
    }

    @Test
    void shouldRejectArgsThatAreNeitherMapNorList() {
        Path f = compose(HEAD + "      context: .\n      dockerfile: app/Dockerfile\n      args: 5\n");
        assertError(() -> Fixture.parse(f), f, 6, 13, "services.a.build.args must be a mapping or a list");
    }

    @Test
    void shouldRejectAMissingContextDirectory() {
        Path f = compose(HEAD + "      context: nope\n");
        assertError(() -> Fixture.parse(f), f, 4, 16, "build context 'nope' does not exist");
    }

    @Test
    void shouldRejectAMissingDockerfile() {
        Path f = compose(HEAD + "      context: .\n      dockerfile: nope/Dockerfile\n");
        assertError(() -> Fixture.parse(f), f, 5, 19, "Dockerfile 'nope/Dockerfile' does not exist");
    }

    @Test
    void shouldRejectAContextOutsideTheProjectDirectory() {
        Path project = dir.resolve("proj");
        Path f = Fixture.write(project, "docker-compose.yml", HEAD + "      context: ..\n");
        Fixture.write(dir, "Dockerfile", "FROM alpine\n");
        assertError(() -> ComposeParser.parse(f, project, Map.of()), f, 4, 16, "is outside the trust root");
    }

    @Test
    void shouldRefuseSymlinksThatLeadOutOfTheProject() throws IOException {
        Path project = dir.resolve("proj");
        Fixture.write(dir, "outside/Dockerfile", "FROM alpine\n");
        Fixture.write(project, "app/Dockerfile", "FROM alpine\n");
        Files.createSymbolicLink(project.resolve("link"), dir.resolve("outside"));
        Files.createSymbolicLink(project.resolve("app/Linked.Dockerfile"), dir.resolve("outside/Dockerfile"));

        Path ctx = Fixture.write(project, "c1.yml", HEAD + "      context: link\n");
        MorganException e = assertError(() -> ComposeParser.parse(ctx, project, Map.of()), ctx, 4, 16,
                "build context 'link' is outside the trust root");
        assertThat(e.problem()).contains("resolves to " + dir.resolve("outside").toRealPath());

        Path df = Fixture.write(project, "c2.yml", HEAD + "      context: app\n      dockerfile: Linked.Dockerfile\n");
        assertError(() -> ComposeParser.parse(df, project, Map.of()), df, 5, 19, "is outside the trust root");

        Path extra = Fixture.write(project, "c3.yml", HEAD
                + "      context: app\n      additional_contexts:\n        up: link\n");
        assertError(() -> ComposeParser.parse(extra, project, Map.of()), extra, 6, 13,
                "additional context 'up' 'link' is outside the trust root");
    }

    @Test
    void shouldRejectDependsOnAnUnknownService() {
        Path f = compose("services:\n  a:\n    build: app\n    depends_on: [ghost]\n");
        MorganException e = assertError(() -> Fixture.parse(f), f, 4, 18, "depends on unknown service 'ghost'");
        assertThat(e.hint()).contains("a");
    }

    @Test
    void shouldNameTheDependsOnCycle() {
        Path f = compose("services:\n  a:\n    build: app\n    depends_on: [b]\n"
                + "  b:\n    build: app\n    depends_on:\n      a: {condition: service_started}\n");
        MorganException e = assertError(() -> Fixture.parse(f), f, 8, 7, "depends_on cycle: a -> b -> a");
        assertThat(e.getMessage()).contains(f + ":8:7: depends_on cycle: a -> b -> a");
    }

    @Test
    void shouldRejectInvalidServiceNames() {
        Path f = compose("services:\n  _bad:\n    build: app\n");
        assertError(() -> Fixture.parse(f), f, 2, 3, "invalid service name '_bad'");
    }

    @Test
    void shouldRejectTagsThatAreNotImageReferences() {
        Path dash = compose(HEAD + "      context: app\n      tags: [\"-evil\"]\n");
        assertError(() -> Fixture.parse(dash), dash, 5, 14, "'-evil' starts with '-'");

        Path space = compose("services:\n  a:\n    build: app\n    image: \"bad name\"\n");
        assertError(() -> Fixture.parse(space), space, 4, 12, "image 'bad name' contains whitespace");

        Path newline = compose(HEAD + "      context: app\n      tags:\n        - \"app:1\\n--push\"\n");
        assertError(() -> Fixture.parse(newline), newline, 6, 11, "contains whitespace");
    }

    @Test
    void shouldRejectTargetsThatAreNotStageNames() {
        Path f = compose(HEAD + "      context: app\n      target: \"-x\"\n");
        assertError(() -> Fixture.parse(f), f, 5, 15, "services.a.build.target '-x' is not a valid stage name");
    }

    @Test
    void shouldRejectATargetThatIsNoStageAtTheTargetKey() {
        Path f = compose(HEAD + "      context: app\n      target: nope\n");
        MorganException e = assertError(() -> Fixture.parse(f), f, 5, 7, "target 'nope' is not a stage of app/Dockerfile");
        assertThat(e.hint()).contains("base, app");
    }

    @Test
    void shouldWriteDockerfileInlineToARealDockerfileAndRefuseItNextToDockerfile() throws IOException {
        Path f = compose(HEAD + "      context: app\n      dockerfile_inline: |\n        FROM alpine AS base\n      target: base\n");
        Path dockerfile = Fixture.parse(f).service("a").build().dockerfile();
        assertThat(Files.readString(dockerfile)).isEqualTo("FROM alpine AS base\n");
        Path both = compose(HEAD + "      context: app\n      dockerfile: Dockerfile\n      dockerfile_inline: FROM alpine\n");
        MorganException e = assertError(() -> Fixture.parse(both), both, 6, 7, "sets both dockerfile and dockerfile_inline");
        assertThat(e.hint()).contains("exclusive");
    }

    @Test
    void shouldRejectUnknownXMorganKeysListingTheValidOnes() {
        Path f = compose("services:\n  a:\n    build: app\n    x-morgan:\n      gpus: true\n");
        MorganException e = assertError(() -> Fixture.parse(f), f, 5, 7, "unknown key 'gpus' in services.a.x-morgan");
        assertThat(e.hint()).contains("gpu, node-label, gpu-label, cpu-label, cache, smoke-test, nightly, budget");

        Path cache = compose("x-morgan:\n  cache: {mode: local, size: 4GiB}\nservices:\n  a:\n    build: app\n");
        assertError(() -> Fixture.parse(cache), cache, 2, 24, "unknown key 'size' in x-morgan.cache");
    }

    @Test
    void shouldRejectBadXMorganValues() {
        Path size = compose("x-morgan:\n  cache: {budget: 4 parsecs}\nservices:\n  a:\n    build: app\n");
        assertError(() -> Fixture.parse(size), size, 2, 19, "x-morgan.cache.budget");
        Path time = compose("x-morgan:\n  budget: soon\nservices:\n  a:\n    build: app\n");
        assertError(() -> Fixture.parse(time), time, 2, 11, "'soon' is not a duration");
        Path mode = compose("x-morgan:\n  cache: {mode: s3}\nservices:\n  a:\n    build: app\n");
        assertError(() -> Fixture.parse(mode), mode, 2, 17, "must be one of local, registry, inline, none");
        Path quote = compose("services:\n  a:\n    build: app\n    x-morgan: {smoke-test: \"run 'x\"}\n");
        assertError(() -> Fixture.parse(quote), quote, 4, 28, "quote is not closed");
        Path gpu = compose("services:\n  a:\n    build: app\n    x-morgan: {gpu: maybe}\n");
        assertError(() -> Fixture.parse(gpu), gpu, 4, 21, "must be true or false");
    }

    @Test
    void shouldReportAnUnsetRequiredVariable() {
        Path f = compose("services:\n  a:\n    build: app\n    image: app:${TAG:?TAG must name the release}\n");
        MorganException e = assertError(() -> Fixture.parse(f), f, 4, 12,
                "required variable TAG is unset: TAG must name the release");
        assertThat(e.hint()).contains("TAG");
        Path bad = compose("services:\n  a:\n    build: app\n    image: app:$1\n");
        assertError(() -> Fixture.parse(bad), bad, 4, 12, "invalid interpolation");
    }

    @Test
    void shouldReportYamlSyntaxErrorsAndDuplicateKeysWithTheirPosition() {
        Path syntax = compose("services:\n  a:\n    build: app\n   bad: [unclosed\n");
        MorganException e = assertError(() -> Fixture.parse(syntax), syntax, 4, 4, "invalid YAML");
        assertThat(e.getCause()).isNotNull();

        Path dup = compose("services:\n  a:\n    build: app\n    build: other\n");
        assertError(() -> Fixture.parse(dup), dup, 4, 5, "duplicate key 'build' (first defined on line 3)");
    }

    @Test
    void shouldRefuseABillionLaughsQuickly() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        String prev = "a";
        for (String name : new String[] {"b", "c", "d", "e", "f", "g", "h", "i"}) {
            yaml.append(name).append(": &").append(name).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + prev))).append("]\n");
            prev = name;
        }
        Path f = compose(yaml + "services:\n  a:\n    build: app\n");

        MorganException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertError(() -> Fixture.parse(f), f, 7, 4, "refused YAML"));
        assertThat(e.problem()).contains("expands to more than 1000000 nodes");
    }

    @Test
    void shouldReadHundredsOfMergeKeysOfOneAnchor() {
        StringBuilder yaml = new StringBuilder("x-common: &common\n  context: app\n  args: &args {A: '1'}\nservices:\n");
        for (int i = 0; i < 400; i++) {
            yaml.append("  s").append(i).append(":\n    build:\n      <<: *common\n      args: *args\n");
        }
        Path f = compose(yaml.toString());
        assertThat(Fixture.parse(f).services()).hasSize(400);
    }

    @Test
    void shouldRefuseAListThatContainsItselfThroughAnAlias() {
        Path f = compose("x-loop: &loop [a, *loop]\nservices:\n  a:\n    build: app\n");
        assertError(() -> Fixture.parse(f), f, 1, 9, "an alias refers to the list or mapping that contains it");
    }

    @Test
    void shouldRefuseAliasesNestedDeeperThanTheExpandedLimit() {
        StringBuilder yaml = new StringBuilder("x-0: &a0 {v: 1}\n");
        for (int i = 1; i <= 70; i++) {
            yaml.append("x-").append(i).append(": &a").append(i).append(" {n: [*a").append(i - 1).append("]}\n");
        }
        Path f = compose(yaml + "services:\n  a:\n    build: app\n");
        MorganException e = assertError(() -> Fixture.parse(f), f, 63, 7, "levels deep once aliases are expanded");
        assertThat(e.hint()).contains("128");
    }

    @Test
    void shouldRefuseDeepNesting() {
        Path f = compose("x-deep: " + "[".repeat(100) + "]".repeat(100) + "\nservices:\n  a:\n    build: app\n");
        MorganException e = assertError(() -> Fixture.parse(f), f, 1, "x-deep: ".length() + 65, "refused YAML");
        assertThat(e.hint()).contains("64");
    }

    @Test
    void shouldRefuseAMappingThatMergesItself() {
        Path f = compose("x-loop: &loop\n  <<: *loop\nservices:\n  a:\n    build:\n      <<: *loop\n");
        assertError(() -> Fixture.parse(f), f, 2, 3, "merge key (<<) includes the mapping it belongs to");
    }

    @Test
    void shouldRefuseSecretFilesOutsideTheProjectSymlinksIncludedUnlessMorganSecretDirsNamesTheirFolder()
            throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createSymbolicLink(project.resolve("key"), outside.resolve("id_rsa"));
        Files.createSymbolicLink(project.resolve("keys"), outside);
        String services = "services:\n  a:\n    build:\n      context: app\n      secrets: [s]\n";
        for (String file : new String[] {outside.resolve("id_rsa").toString(), "../outside/id_rsa", "key", "keys/id_rsa",
            "keys/not-yet-there"}) {
            Path f = Fixture.project(project, "secrets:\n  s:\n    file: \"" + file + "\"\n" + services);
            MorganException e = assertError(() -> Fixture.parse(f), f, 3, 11, "the file of secret 's' ('" + file
                    + "') is outside the project directory " + project.toRealPath());
            assertThat(e.hint()).contains("MORGAN_SECRET_DIRS", "environment: VAR");
        }

        // the build's environment (never the compose file) may name folders outside the project
        Path f = Fixture.project(project, "secrets:\n  s:\n    file: keys/id_rsa\n" + services);
        Stack stack = ComposeParser.parse(f, project, Map.of("MORGAN_SECRET_DIRS", "/nonexistent:" + outside));
        assertThat(stack.service("a").build().secrets())
                .containsExactly(new BuildSecret("s", outside.toRealPath().resolve("id_rsa").toString(), null));
        MorganException relative = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> ComposeParser.parse(f, project, Map.of("MORGAN_SECRET_DIRS", "outside")), MorganException.class);
        assertThat(relative.file()).isEqualTo("MORGAN_SECRET_DIRS");
        assertThat(relative.problem()).isEqualTo("entry 'outside' is not an absolute path");
    }

    @Test
    void shouldKeepASecretFileInsideTheProjectAsItsRealPath() throws IOException {
        Fixture.write(dir, "secrets/npm.txt", "token");
        Path f = compose("secrets:\n  npm: {file: ./secrets/../secrets/npm.txt}\n" + HEAD
                + "      context: app\n      secrets: [npm]\n");
        assertThat(Fixture.parse(f).service("a").build().secrets())
                .containsExactly(new BuildSecret("npm", dir.toRealPath().resolve("secrets/npm.txt").toString(), null));
    }

    @Test
    void shouldRefuseAServiceWhoseDefaultImageNameDockerWouldRefuse() {
        String longName = "a".repeat(300);
        Path f = compose("services:\n  " + longName + ":\n    build: app\n");
        MorganException e = assertError(() -> Fixture.parse(f), f, 2, 3, "service '" + longName + "' has no image: and its "
                + "default image name");
        assertThat(e.problem()).contains("characters; docker allows 255");
        assertThat(e.hint()).contains("add image:");

        Path trailingDot = compose("services:\n  web.:\n    build: app\n");
        assertError(() -> Fixture.parse(trailingDot), trailingDot, 2, 3, "is not of the form [registry/]name[:tag]");

        // with an image: the service name itself may be long
        Path named = compose("services:\n  " + longName + ":\n    image: web:1\n    build: app\n");
        assertThat(Fixture.parse(named).service(longName).build().tags()).containsExactly("web:1");
    }

    @Test
    void shouldRefuseAnImageNameLongerThanDockerAllows() {
        Path f = compose("services:\n  a:\n    image: registry.example/" + "x".repeat(250) + ":1\n    build: app\n");
        assertError(() -> Fixture.parse(f), f, 3, 12, "characters; docker allows 255");
    }

    @Test
    void shouldRefuseAComposeFileThatLinksOutOfTheProjectWithoutQuotingIt() throws IOException {
        Path secret = Files.writeString(dir.resolve("credentials"), "aws_secret_access_key: AKIAVERYSECRET\n");
        Path project = Files.createDirectories(dir.resolve("project"));
        Path compose = Files.createSymbolicLink(project.resolve("docker-compose.yml"), secret);

        MorganException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> ComposeParser.parse(compose, project, Map.of()), MorganException.class);

        assertThat(e.problem()).startsWith("the compose file is outside the trust root")
                .contains("it resolves to " + secret.toRealPath());
        assertThat(e.getMessage()).doesNotContain("AKIAVERYSECRET");
    }

    @Test
    void shouldRejectUnknownBuildSecretsListingDefinedOnes() {
        Path f = compose("secrets:\n  npm: {file: npm.txt}\nservices:\n  a:\n    build:\n      context: app\n"
                + "      secrets: [pip]\n");
        MorganException e = assertError(() -> Fixture.parse(f), f, 7, 17, "build secret 'pip' is not defined");
        assertThat(e.hint()).contains("npm");
    }

    @Test
    void shouldRejectAMissingComposeFileAndAStackWithoutBuilds() {
        Path missing = dir.resolve("nope.yml");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> Fixture.parse(missing),
                MorganException.class).problem()).isEqualTo("compose file not found");

        Path none = compose("services:\n  db:\n    image: postgres:16\n");
        assertError(() -> Fixture.parse(none), none, 1, 1, "no service has a build: section");
    }

    @Test
    void shouldReportDockerfileProblemsInTheDockerfile() throws IOException {
        Path f = compose("services:\n  a:\n    build: {context: ., dockerfile: empty/Dockerfile}\n");
        Path df = Fixture.write(dir, "empty/Dockerfile", "# syntax=docker/dockerfile:1\nARG IMAGE\nFROM ${IMAGE} AS x\n");
        MorganException e = assertError(() -> Fixture.parse(f), df.toRealPath(), 3, 1, "resolves to an empty image name");
        assertThat(e.hint()).contains("build.args");
    }

    @Test
    void shouldRejectArgAndLabelKeysThatWouldSplitDifferentlyInArgv() {
        Path f = compose("services:\n  app:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n"
                + "      args:\n        \"A=B\": x\n");
        Fixture.assertError(() -> Fixture.parse(f), f, 7, 9, "args key 'A=B' contains '='");

        Path g = compose("services:\n  app:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n"
                + "      labels:\n        - \"bad key=1\"\n");
        Fixture.assertError(() -> Fixture.parse(g), g, 7, 11, "labels key 'bad key' contains whitespace");
    }

    @Test
    void shouldRejectNulCharactersAndNetworksThatAreNoNames() {
        Path f = compose("services:\n  app:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n"
                + "      args:\n        A: \"x\\0y\"\n");
        Fixture.assertError(() -> Fixture.parse(f), f, 7, 12, "NUL character");

        Path g = compose("services:\n  app:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n"
                + "      network: \"host; rm -rf /\"\n");
        Fixture.assertError(() -> Fixture.parse(g), g, 6, 16, "is not a network name");
    }

    @Test
    void shouldKeepShellMetacharactersInValuesLiterally() {
        Path f = compose("services:\n  app:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n"
                + "      args:\n        A: \"$$(id); `id` | rm -rf / && echo '--target=x'\\nnext\"\n");

        Stack stack = Fixture.parse(f);

        assertThat(stack.service("app").build().args())
                .containsEntry("A", "$(id); `id` | rm -rf / && echo '--target=x'\nnext");
    }
}
