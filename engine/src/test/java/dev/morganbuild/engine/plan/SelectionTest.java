package dev.morganbuild.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text forms a user types for {@code --services} / {@code services:}, and how they print back. */
class SelectionTest {
    @Test
    void shouldReadNothingBlankAndAllAsEveryService() {
        assertThat(Selection.parse(null)).isEqualTo(Selection.all());
        assertThat(Selection.parse("")).isEqualTo(Selection.all());
        assertThat(Selection.parse("  all ")).isEqualTo(Selection.all());
        assertThat(Selection.parse("all").kind()).isEqualTo(Selection.Kind.ALL);
    }

    @Test
    void shouldReadCpuAndCudaOrGpuAsTheKindsOfService() {
        assertThat(Selection.parse("cpu").kind()).isEqualTo(Selection.Kind.CPU);
        assertThat(Selection.parse("cuda").kind()).isEqualTo(Selection.Kind.CUDA);
        assertThat(Selection.parse(" gpu").kind()).isEqualTo(Selection.Kind.CUDA);
        assertThat(Selection.parse("cpu").names()).isEmpty();
    }

    @Test
    void shouldReadAnythingElseAsCommaSeparatedNamesTrimmingSpaces() {
        assertThat(Selection.parse("tts")).isEqualTo(Selection.named(List.of("tts")));
        assertThat(Selection.parse(" core , llm,tts ").names()).containsExactly("core", "llm", "tts");
        assertThat(Selection.parse("core,llm").kind()).isEqualTo(Selection.Kind.NAMED);
        // a list that merely contains a keyword is a list of names
        assertThat(Selection.parse("all,tts").names()).containsExactly("all", "tts");
    }

    @Test
    void shouldPrintBackTheFormItWasReadFrom() {
        assertThat(Selection.parse("all")).hasToString("all");
        assertThat(Selection.parse("gpu")).hasToString("cuda");
        assertThat(Selection.parse("cpu")).hasToString("cpu");
        assertThat(Selection.parse("core , llm")).hasToString("core,llm");
        assertThat(Selection.parse(Selection.parse("stt,tts").toString())).isEqualTo(Selection.parse("stt,tts"));
    }

    @Test
    void shouldRefuseANamedSelectionWithoutNames() {
        assertThatThrownBy(() -> Selection.named(List.of())).isInstanceOf(MorganException.class)
                .hasMessageContaining("no service named");
        assertThatThrownBy(() -> Selection.named(null)).isInstanceOf(MorganException.class);
        assertThat(new Selection(Selection.Kind.ALL, null).names()).isEmpty();
    }

    @Test
    void shouldNotShareTheCallersList() {
        List<String> names = new java.util.ArrayList<>(List.of("core"));
        Selection s = Selection.named(names);
        names.add("llm");
        assertThat(s.names()).containsExactly("core");
    }
}
