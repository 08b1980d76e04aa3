package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.dockerfile.ImageReference;
import dev.morganbuild.engine.dockerfile.CommandWords;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueParsingTest {

    @Test
    void shouldParseSizesInDecimalAndBinaryUnits() {
        assertThat(Units.parseSize("4GiB")).isEqualTo(4L << 30);
        assertThat(Units.parseSize("500MB")).isEqualTo(500_000_000L);
        assertThat(Units.parseSize("1073741824")).isEqualTo(1L << 30);
        assertThat(Units.parseSize("1.5g")).isEqualTo(3L << 29);
        assertThatThrownBy(() -> Units.parseSize("4 parsecs")).hasMessageContaining("not a size unit");
        assertThatThrownBy(() -> Units.parseSize("0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Units.parseSize("99999999999TiB")).hasMessageContaining("too large");
    }

    @Test
    void shouldParseDurations() {
        assertThat(Units.parseDuration("90s")).isEqualTo(90);
        assertThat(Units.parseDuration("10m")).isEqualTo(600);
        assertThat(Units.parseDuration("1h30m")).isEqualTo(5400);
        assertThat(Units.parseDuration("2h0m5s")).isEqualTo(7205);
        assertThat(Units.parseDuration("45")).isEqualTo(45);
        assertThatThrownBy(() -> Units.parseDuration("1d")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Units.parseDuration("m")).hasMessageContaining("not a duration");
    }

    @Test
    void shouldSplitCommandsLikeComposeWithoutAShell() {
        assertThat(CommandWords.split("python3 -c 'print(1; $HOME)'  \"a \\\"b\\\"\" c\\ d"))
                .containsExactly("python3", "-c", "print(1; $HOME)", "a \"b\"", "c d");
        assertThat(CommandWords.split("''")).containsExactly("");
        assertThatThrownBy(() -> CommandWords.split("run \"x")).hasMessageContaining("double quote is not closed");
    }

    @Test
    void shouldInterpolateComposeStyle() {
        Map<String, String> env = Map.of("A", "a", "E", "");
        assertThat(Interpolation.apply("$A-${A}-${E:-d}-${E-d}-${U-d}-${A:+r}-${U+r}-$$A-$U.", env))
                .isEqualTo("a-a-d--d-r--$A-.");
        assertThat(Interpolation.apply("${A:-${U:?not used}}", env)).isEqualTo("a");
        assertThatThrownBy(() -> Interpolation.apply("${E:?needed}", env)).hasMessageContaining("E is empty: needed");
        assertThatThrownBy(() -> Interpolation.apply("${E?needed}x", Map.of())).hasMessageContaining("E is unset");
        assertThatThrownBy(() -> Interpolation.apply("${A", env)).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Interpolation.apply("${A*}", env)).hasMessageContaining("invalid interpolation");
        assertThatThrownBy(() -> Interpolation.apply("cost $5", env)).hasMessageContaining("invalid interpolation");
    }

    @Test
    void shouldRefuseInterpolationNestedDeeperThanSixteenLevelsWithoutOverflowingTheStack() {
        String sixteen = "${U:-".repeat(16) + "x" + "}".repeat(16);
        assertThat(Interpolation.apply(sixteen, Map.of())).isEqualTo("x");
        String deep = "${U:-".repeat(5000) + "x" + "}".repeat(5000);
        assertThatThrownBy(() -> Interpolation.apply(deep, Map.of()))
                .hasMessageContaining("interpolation nested more than 16 levels deep");
    }

    @Test
    void shouldRecogniseImageReferencesAndCudaRepositories() {
        assertThat(ImageReference.isValid("localhost:5000/team/app:1.0")).isTrue();
        assertThat(ImageReference.isValid("morgan-stack/core:latest")).isTrue();
        assertThat(ImageReference.isValid("app@sha256:" + "a".repeat(64))).isTrue();
        assertThat(ImageReference.isValid("-evil")).isFalse();
        assertThat(ImageReference.isValid("App:1")).isFalse();
        assertThat(ImageReference.isValid("app:1\n--push")).isFalse();
        assertThat(ImageReference.isCuda("nvcr.io/nvidia/cuda:12.4.1-runtime")).isTrue();
        assertThat(ImageReference.isCuda("nvidia/cuda:12.4.1-runtime-ubuntu22.04")).isTrue();
        assertThat(ImageReference.isCuda("pytorch/pytorch:2.1-cuda12.1")).isTrue(); // issue 11: cuda in the tag
        assertThat(ImageReference.isCuda("localhost:5000/cuda-base")).isTrue();
        assertThat(ImageReference.repository("localhost:5000/app:1@sha256:" + "b".repeat(64)))
                .isEqualTo("localhost:5000/app");
    }
}
