package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryCredentialsFileTest {
    static final String SECRET = "pa55-w0rd-xyz";

    @TempDir
    Path dir;

    Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("creds.json"), text);
    }

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadOneRegistryUserAndPassword() throws Exception {
        var logins = RegistryCredentialsFile.read(file("""
                {"registry": "127.0.0.1:5000", "username": "ci", "password": "%s"}
                """.formatted(SECRET)));

        assertThat(logins).containsExactly(new RegistryLogin("127.0.0.1:5000", "ci", SECRET));
        assertThat(logins.get(0).auth()).isEqualTo(base64("ci:" + SECRET));
        assertThat(logins.get(0).toString()).doesNotContain(SECRET).contains("****");
    }

    @Test
    void shouldReadDockersAuthsShapeWithAuthOrUserAndPasswordAndIgnoreItsOtherKeys() throws Exception {
        var logins = RegistryCredentialsFile.read(file("""
                {"auths": {"https://127.0.0.1:5000/v2/": {"auth": "%s"},
                           "registry.example.com": {"username": "ci", "password": "p:w"}},
                 "proxies": {"default": {"httpProxy": "http://proxy:3128"}}}
                """.formatted(base64("morgan:" + SECRET + ":with-colon"))));

        assertThat(logins).containsExactly(new RegistryLogin("127.0.0.1:5000", "morgan", SECRET + ":with-colon"),
                new RegistryLogin("registry.example.com", "ci", "p:w"));
    }

    @Test
    void shouldTravelInTheRequestItsCopiesAndItsSerializedForm() throws Exception {
        RegistryLogin login = new RegistryLogin("127.0.0.1:5000", "ci", SECRET);
        StackRequest request = StackRequest.builder().registryLogins(List.of(login)).build();

        assertThat(request.toBuilder().build().registryLogins()).containsExactly(login);
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(request);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(((StackRequest) in.readObject()).registryLogins()).containsExactly(login);
        }
        assertThat(StackRequest.builder().build().registryLogins()).isEmpty();
        // the job file a detached build process reads never holds a password
        assertThat(request.toJsonWithoutEnv()).doesNotContain(SECRET).doesNotContain(login.auth());
        assertThat(StackRequest.fromJson(request.toJsonWithoutEnv()).build().registryLogins()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"docker.io,https://index.docker.io/v1/", "https://index.docker.io/v1/,https://index.docker.io/v1/",
        "registry-1.docker.io,https://index.docker.io/v1/", "http://localhost:5000,localhost:5000",
        "Registry.Example.com:443/v2/,Registry.Example.com:443", "[::1]:5000,[::1]:5000"})
    void shouldKeyARegistryAsDockersConfigDoes(String given, String key) {
        assertThat(RegistryLogin.configKey(given)).isEqualTo(key);
    }

    static Stream<Arguments> malformed() {
        String ok = "\"registry\": \"127.0.0.1:5000\", \"username\": \"ci\", \"password\": \"" + SECRET + "\"";
        return Stream.of(
                Arguments.of("{" + ok, 1, "not valid JSON"),
                Arguments.of("{\"registry\": \"127.0.0.1:5000\",\n \"password\": \"" + SECRET + "\", \"password\": \"x\"}", 2,
                        "not valid JSON"),
                Arguments.of("[]", 0, "is not a JSON object"),
                Arguments.of("   \n", 0, "is empty"),
                Arguments.of("{\"registry\": \"127.0.0.1:5000\", \"username\": \"ci\"}", 0, "has no \"password\""),
                Arguments.of("{" + ok.replace("username", "user") + "}", 0, "unknown key \"user\""),
                Arguments.of("{" + ok.replace("127.0.0.1:5000", "a b") + "}", 0, "\"registry\" is not a registry host"),
                Arguments.of("{" + ok.replace("\"ci\"", "\"\"") + "}", 0, "\"username\" is not a non-empty string"),
                Arguments.of("{\"auths\": {}}", 0, "has no registry in \"auths\""),
                Arguments.of("{\"auths\": {\"127.0.0.1:5000\": {}}, \"credsStore\": \"pass\"}", 0, "holds no credentials"),
                Arguments.of("{\"auths\": {\"127.0.0.1:5000\": {\"identitytoken\": \"" + SECRET + "\"}}}", 0,
                        "identity token, which is not supported"),
                Arguments.of("{\"auths\": {\"127.0.0.1:5000\": {\"auth\": \"" + SECRET + "\"}}}", 0,
                        "auth is not base64 of user:password"),
                Arguments.of("{" + ok + "} {}", 1, "has more after"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void shouldRefuseAMalformedFileNamingItWhereAndTheFixWithoutQuotingIt(String text, int line, String problem)
            throws Exception {
        Path f = file(text);

        assertThatThrownBy(() -> RegistryCredentialsFile.read(f)).isInstanceOfSatisfying(MorganException.class, e -> {
            assertThat(e.kind()).isEqualTo(MorganException.Kind.INPUT);
            assertThat(e.file()).isEqualTo(f.toString());
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.problem()).contains(problem);
            assertThat(e.hint()).isNotBlank();
            assertThat(e.getMessage()).doesNotContain(SECRET);
        });
    }

    @Test
    void shouldRefuseAMissingAnUnreadableAndAHugeFileWithTheFix() throws Exception {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> RegistryCredentialsFile.read(missing)).isInstanceOfSatisfying(MorganException.class,
                e -> assertThat(e.getMessage()).startsWith(missing + ": registry credentials file not found")
                        .contains("fix: pass an existing file"));

        assertThatThrownBy(() -> RegistryCredentialsFile.read(dir)).hasMessageContaining("is a folder");

        Path huge = Files.writeString(dir.resolve("huge.json"), " ".repeat((int) RegistryCredentialsFile.MAX_BYTES + 1));
        assertThatThrownBy(() -> RegistryCredentialsFile.read(huge)).hasMessageContaining("too large");

        Path locked = file("{}");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(locked)) { // root reads it anyway
            assertThatThrownBy(() -> RegistryCredentialsFile.read(locked)).hasMessageContaining("permission denied")
                    .hasMessageContaining("chmod 600");
        }
    }
}
