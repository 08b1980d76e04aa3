package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.stack.BuildSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which secret values are masked in build output, and how. */
class SecretMaskTest {
    @TempDir
    Path dir;

    @Test
    void shouldMaskAnEnvironmentSecretsValueAndItsStrippedForm() {
        SecretMask mask = SecretMask.of(List.of(new BuildSecret("hf", null, "HF_TOKEN")), Map.of("HF_TOKEN", " hf_abc123\n"));

        assertThat(mask.values()).containsExactly(" hf_abc123\n", "hf_abc123");
        assertThat(mask.apply("token=hf_abc123 used")).isEqualTo("token=**** used");
    }

    @Test
    void shouldMaskASecretFileWholeAndLineByLine() throws Exception {
        Path f = dir.resolve("npmrc");
        Files.writeString(f, "  //registry/:_authToken=npm_TOKEN1\nemail=me@example.com\n");

        SecretMask mask = SecretMask.of(List.of(new BuildSecret("npm", f.toString(), null)), Map.of());

        assertThat(mask.values()).contains("//registry/:_authToken=npm_TOKEN1", "email=me@example.com");
        assertThat(mask.apply("cat: //registry/:_authToken=npm_TOKEN1")).isEqualTo("cat: ****");
    }

    @Test
    void shouldNotReadSecretFilesOver64KibOrMissing() throws Exception {
        Path big = dir.resolve("big");
        Files.writeString(big, "y".repeat(64 * 1024 + 1));
        Path exact = dir.resolve("exact");
        Files.writeString(exact, "z".repeat(64 * 1024));

        assertThat(SecretMask.of(List.of(new BuildSecret("b", big.toString(), null),
                new BuildSecret("m", dir.resolve("missing").toString(), null),
                new BuildSecret("d", dir.toString(), null)), Map.of()).values()).isEmpty();
        assertThat(SecretMask.of(List.of(new BuildSecret("e", exact.toString(), null)), Map.of()).values())
                .containsExactly("z".repeat(64 * 1024));
    }

    @Test
    void shouldMaskRegistryPasswordsAndTheirAuthForm() {
        RegistryLogin login = new RegistryLogin("127.0.0.1:5000", "morgan", "pa55word");

        SecretMask mask = SecretMask.of(List.of(), Map.of(), List.of(login));

        assertThat(mask.values()).containsExactly(login.auth(), "pa55word");
        assertThat(mask.apply("Authorization: Basic " + login.auth())).isEqualTo("Authorization: Basic ****");
    }

    @Test
    void shouldLeaveValuesShorterThanFourCharactersAndUnsetVariablesUnmasked() {
        SecretMask mask = SecretMask.of(List.of(new BuildSecret("a", null, "SHORT"), new BuildSecret("b", null, "FOUR"),
                new BuildSecret("c", null, "UNSET")), Map.of("SHORT", "abc", "FOUR", "abcd"));

        assertThat(mask.values()).containsExactly("abcd");
        assertThat(mask.apply("abc abcd")).isEqualTo("abc ****");
    }

    @Test
    void shouldMaskTheLongestValueFirstSoAValueContainingAnotherIsMaskedWhole() {
        SecretMask mask = SecretMask.of(List.of(new BuildSecret("a", null, "A"), new BuildSecret("b", null, "B")),
                Map.of("A", "secret", "B", "secret-extended"));

        assertThat(mask.values()).containsExactly("secret-extended", "secret");
        assertThat(mask.apply("x secret-extended y secret")).isEqualTo("x **** y ****");
    }

    @Test
    void shouldPassNullAndTextWithNothingToMaskThrough() {
        SecretMask none = SecretMask.of(List.of(), Map.of());

        assertThat(none.apply(null)).isNull();
        assertThat(none.apply("plain")).isEqualTo("plain");
        assertThat(SecretMask.of(List.of(new BuildSecret("b", null, "B")), Map.of("B", "value")).apply(null)).isNull();
    }
}
