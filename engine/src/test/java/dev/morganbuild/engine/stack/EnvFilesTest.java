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
    void shouldReadYamlStyleLinesAsComposeDoes() {
        Map<String, String> vars = EnvFiles.parse(".env", String.join("\n",
                "MODEL: llama3", "PORT : 8080", "ARGS: --a=1 --b=2", "URL=http://host:11434", "TAG: 'v1:cuda'",
                "HOST: \"${MODEL}.local\"", "BASE: nvidia/cuda:12.4.1-runtime # comment", ""), Map.of());

        assertThat(vars).containsExactly(entry("MODEL", "llama3"), entry("PORT", "8080"), entry("ARGS", "--a=1 --b=2"),
                entry("URL", "http://host:11434"), entry("TAG", "v1:cuda"), entry("HOST", "llama3.local"),
                entry("BASE", "nvidia/cuda:12.4.1-runtime"));
    }

    @Test
    void shouldReadNamesCommentsQuotesAndEscapesAsComposeDoes() {
        Map<String, String> vars = EnvFiles.parse(".env", String.join("\n",
                "a[1]=c", "a.propertyKey=d", "\u00e1rv\u00edz-T\u00dcK\u00d6R=x", "  export\tINDENTED =2",
                "HASH=123#not-a-comment", "TAB=b\t#kept", "Q1=\"bar#baz\"#", "Q2=\"bar#baz\" # comment", "Q3='bar#baz' # comment",
                "ESC=\"Z\\aZ\\tZ\\\\Z\\0123Z\\x07\\qZ\"", "SINGLE='\\n\\'q'", "DOLLAR=\"\\$HOME\"", "RAW=a\\tb",
                "OCT=\"\\012|\\0777|\\089\"", "=\"no name\"", "LAST"), Map.of("HOME", "/root", "LAST", "from-env"));

        assertThat(vars).containsExactly(entry("a[1]", "c"), entry("a.propertyKey", "d"), entry("\u00e1rv\u00edz-T\u00dcK\u00d6R", "x"),
                entry("INDENTED", "2"), entry("HASH", "123#not-a-comment"), entry("TAB", "b\t#kept"), entry("Q1", "bar#baz"),
                entry("Q2", "bar#baz"), entry("Q3", "bar#baz"), entry("ESC", "Z\u0007Z\tZ\\ZSZ\\x07\\qZ"),
                entry("SINGLE", "\\n'q"), entry("DOLLAR", "$HOME"), entry("RAW", "a\\tb"),
                entry("OCT", "\\012|\\0777|\\089"));
    }

    @Test
    void shouldLetAFileReferToTheFilesBeforeIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path base = java.nio.file.Files.writeString(dir.resolve("base.env"), "CUDA=12.4.1\nKEEP=file\n");
        java.nio.file.Path gpu = java.nio.file.Files.writeString(dir.resolve("gpu.env"), "BASE_IMAGE: nvidia/cuda:${CUDA}-runtime\n"
                + "CUDA=12.6.0\n");

        assertThat(EnvFiles.environment(java.util.List.of(base, gpu), Map.of("KEEP", "process")))
                .containsEntry("BASE_IMAGE", "nvidia/cuda:12.4.1-runtime").containsEntry("CUDA", "12.6.0")
                .containsEntry("KEEP", "process");
    }

    @Test
    void shouldRefuseAForeignCharacterInANameWithItsLine() {
        assertThatThrownBy(() -> EnvFiles.parse("ci.env", "A=1\n\nlol$wut\n", Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.problem()).contains("unexpected character '$'").contains("lol$wut");
                    assertThat(e.hint()).contains("NAME: value");
                });
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
