package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.DirectorySize;
import dev.morganbuild.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateDockerConfigTest {
    static final RegistryLogin LOGIN = new RegistryLogin("127.0.0.1:5000", "ci", "pa55-w0rd-xyz");
    static final String USER_CONFIG = """
            {"auths": {"https://127.0.0.1:5000": {"auth": "b2xkOm9sZA=="}, "ghcr.io": {}, "other.example.com": {"auth": "eDp5"}},
             "credsStore": "desktop",
             "credHelpers": {"127.0.0.1:5000": "ecr-login", "gcr.io": "gcloud"},
             "currentContext": "remote",
             "proxies": {"default": {"httpProxy": "http://127.0.0.1:3128"}},
             "cliPluginsExtraDirs": ["/opt/plugins"]}
            """;

    @TempDir
    Path dir;

    Path userConfig() throws Exception {
        Path user = Files.createDirectories(dir.resolve("home/.docker"));
        Files.writeString(user.resolve("config.json"), USER_CONFIG);
        Files.createDirectories(user.resolve("cli-plugins"));
        Files.writeString(user.resolve("cli-plugins/docker-buildx"), "#!/bin/sh\n");
        Files.createDirectories(user.resolve("contexts/meta/abc"));
        Files.writeString(user.resolve("contexts/meta/abc/meta.json"), "{\"Name\":\"remote\"}");
        return user;
    }

    @Test
    void shouldHoldTheLoginForItsRegistryAndKeepTheRestOfTheUsersConfig() throws Exception {
        Path user = userConfig();
        Path scratch = Files.createDirectories(dir.resolve("scratch"));

        Path config = PrivateDockerConfig.create(scratch, Map.of("DOCKER_CONFIG", user.toString()), List.of(LOGIN), false);

        assertThat(config).isEqualTo(scratch.resolve("docker-config"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("config.json"))))
                .isEqualTo("rw-------");
        JsonNode json = Json.mapper().readTree(config.resolve("config.json").toFile());
        assertThat(json.path("auths").path("127.0.0.1:5000").path("auth").asText()).isEqualTo(LOGIN.auth());
        assertThat(json.path("auths").has("https://127.0.0.1:5000")).as("the same registry, written another way").isFalse();
        assertThat(json.path("auths").path("other.example.com").path("auth").asText()).isEqualTo("eDp5");
        assertThat(json.has("credsStore")).as("a store would answer for the given registry too").isFalse();
        assertThat(json.path("credHelpers").has("127.0.0.1:5000")).isFalse();
        assertThat(json.path("credHelpers").path("gcr.io").asText()).isEqualTo("gcloud");
        assertThat(json.path("credHelpers").path("ghcr.io").asText()).as("docker login kept it in the store")
                .isEqualTo("desktop");
        assertThat(json.path("currentContext").asText()).isEqualTo("remote");
        assertThat(json.path("proxies").path("default").path("httpProxy").asText()).isEqualTo("http://127.0.0.1:3128");
        assertThat(config.resolve("cli-plugins/docker-buildx")).hasContent("#!/bin/sh\n");
        assertThat(config.resolve("contexts/meta/abc/meta.json")).exists();
        assertThat(user.resolve("config.json")).as("the user's config is never written").hasContent(USER_CONFIG);

        DirectorySize.deleteQuietly(scratch);
        assertThat(scratch).doesNotExist();
        assertThat(user.resolve("cli-plugins/docker-buildx")).as("links removed, not what they point at").exists();
        assertThat(user.resolve("contexts/meta/abc/meta.json")).exists();
    }

    @Test
    void shouldLeaveOutTheUsersStoredLoginsForABuildThatIsNotTheUsersOwn() throws Exception {
        Path user = userConfig();
        Path scratch = Files.createDirectories(dir.resolve("scratch"));

        Path config = PrivateDockerConfig.create(scratch, Map.of("DOCKER_CONFIG", user.toString()), List.of(LOGIN), true);

        JsonNode json = Json.mapper().readTree(config.resolve("config.json").toFile());
        assertThat(json.path("auths").size()).isEqualTo(1);
        assertThat(json.path("auths").path("127.0.0.1:5000").path("auth").asText()).isEqualTo(LOGIN.auth());
        assertThat(json.has("credsStore")).isFalse();
        assertThat(json.has("credHelpers")).as("gcr.io's helper would answer with the user's login").isFalse();
        assertThat(json.path("currentContext").asText()).isEqualTo("remote");
        assertThat(json.path("proxies").path("default").path("httpProxy").asText()).isEqualTo("http://127.0.0.1:3128");
        assertThat(json.path("cliPluginsExtraDirs").get(0).asText()).isEqualTo("/opt/plugins");
        assertThat(config.resolve("cli-plugins/docker-buildx")).hasContent("#!/bin/sh\n");
        assertThat(user.resolve("config.json")).hasContent(USER_CONFIG);
    }

    @Test
    void shouldStartFromNothingWithoutAUserConfigAndFindItInHome() throws Exception {
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Path home = Files.createDirectories(dir.resolve("empty-home"));
        assertThat(PrivateDockerConfig.userConfig(Map.of("HOME", home.toString()))).isEqualTo(home.resolve(".docker"));
        assertThat(PrivateDockerConfig.userConfig(Map.of("HOME", home.toString(), "DOCKER_CONFIG", "/x")))
                .isEqualTo(Path.of("/x"));

        Path config = PrivateDockerConfig.create(scratch, Map.of("HOME", home.toString()), List.of(LOGIN), false);

        JsonNode json = Json.mapper().readTree(config.resolve("config.json").toFile());
        assertThat(json.fieldNames()).toIterable().containsExactly("auths");
        assertThat(json.path("auths").fieldNames()).toIterable().containsExactly("127.0.0.1:5000");
    }

    @Test
    void shouldRefuseAUserConfigThatIsNotJsonWithoutQuotingIt() throws Exception {
        Path user = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(user.resolve("config.json"), "{\"auths\": {\"x\": {\"auth\": \"c2VjcmV0LXZhbHVl\"}");
        Path scratch = Files.createDirectories(dir.resolve("scratch"));

        assertThatThrownBy(() -> PrivateDockerConfig.create(scratch, Map.of("DOCKER_CONFIG", user.toString()),
                List.of(LOGIN), false)).isInstanceOfSatisfying(MorganException.class, e -> assertThat(e.getMessage())
                        .startsWith(user.resolve("config.json") + ": the docker client's config is not a JSON object")
                        .doesNotContain("c2VjcmV0LXZhbHVl"));
    }

    @Test
    void shouldMaskTheLoginsPasswordAndItsAuthInBuildOutput() {
        SecretMask mask = SecretMask.of(List.of(), Map.of(), List.of(LOGIN));

        assertThat(mask.apply("auth " + LOGIN.auth() + " password pa55-w0rd-xyz")).isEqualTo("auth **** password ****");
    }
}
