package dev.morganbuild.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A command value: its copies and how it is shown in logs. */
class CommandTest {
    @Test
    void shouldAddEnvironmentToWhatItHasWithTheNewValuesWinning() {
        Command c = Command.of(List.of("docker", "version")).withEnv(Map.of("A", "1", "B", "2")).withEnv(Map.of("B", "3"));

        assertThat(c.env()).containsOnly(Map.entry("A", "1"), Map.entry("B", "3"));
    }

    @Test
    void shouldChangeOnlyTheWorkingFolderOrTheInput() {
        Command base = new Command(List.of("docker", "login"), Map.of("A", "1"), null, null, List.of("pw"));

        Command inDir = base.withWorkDir(Path.of("/tmp"));
        assertThat(inDir.workDir()).isEqualTo(Path.of("/tmp"));
        assertThat(inDir.argv()).isEqualTo(base.argv());
        assertThat(inDir.env()).isEqualTo(base.env());
        assertThat(inDir.secrets()).containsExactly("pw");

        Command withInput = inDir.withStdin(new byte[] {1, 2});
        assertThat(withInput.stdin()).containsExactly(1, 2);
        assertThat(withInput.workDir()).isEqualTo(Path.of("/tmp"));
        assertThat(withInput.secrets()).containsExactly("pw");
    }

    @Test
    void shouldShowTheArgvWithSecretsMaskedAndIgnoreEmptySecrets() {
        Command c = new Command(List.of("docker", "login", "-p", "hunter2"), Map.of(), null, null, List.of("", "hunter2"));

        assertThat(c.display()).isEqualTo("docker login -p ****");
        assertThat(c).hasToString("docker login -p ****");
        assertThat(new Command(List.of("a", "b"), Map.of(), null, null, null).display()).isEqualTo("a b");
    }

    @Test
    void shouldRefuseAnEmptyArgvAndHaveNoSecretsWhenNoneAreGiven() {
        assertThatThrownBy(() -> Command.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Command(List.of("a"), Map.of(), null, null, null).secrets()).isEmpty();
    }
}
