package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class EnvFilesTest {
    @Test
    void shouldReadQuotesCommentsExportAndInterpolateFromTheEnvironmentFirst() {
        Map<String, String> vars = EnvFiles.parse(".env", String.join("\n",
                "# a comment", "", "export A=1", "B = two words # comment", "C='single ${A} # kept'",
                "D=\"double ${A}\\n${HOME}\"", "E=\"multi", "line\"", "F=${A}${B}", "G=x#not-a-comment", "BARE", "MISSING"),
                Map.of("HOME", "/home/u", "BARE", "from-env", "A", "env-wins"));

        assertThat(vars).containsExactly(entry("A", "1"), entry("B", "two words"), entry("C", "single ${A} # kept"),
                entry("D", "double env-wins\n/home/u"), entry("E", "multi\nline"), entry("F", "env-winstwo words"),
                entry("G", "x#not-a-comment"), entry("BARE", "from-env"));
    }

    @Test
    void shouldLetLaterFilesOverrideEarlierOnesAndTheEnvironmentWin() {
        Map<String, String> env = Map.of("KEEP", "process");
        assertThat(EnvFiles.environment(java.util.List.of(), env)).containsExactly(entry("KEEP", "process"));
    }

    @Test
    void shouldRefuseALineThatIsNoAssignmentWithItsLine() {
        assertThatThrownBy(() -> EnvFiles.parse("ci.env", "A=1\nnot a var=2\n", Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.file()).isEqualTo("ci.env");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.hint()).contains("NAME=value");
                });
        assertThatThrownBy(() -> EnvFiles.parse("ci.env", "A=\"open\n", Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> assertThat(e.problem()).contains("no closing"));
    }
}
