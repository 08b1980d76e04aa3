package dev.morganbuild.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelExpressionTest {
    private static boolean matches(String expr, String... labels) {
        return LabelExpression.parse(expr).matches(List.of(labels));
    }

    @Test
    void shouldMatchSingleLabel() {
        assertThat(matches("gpu", "gpu", "docker")).isTrue();
        assertThat(matches("gpu", "docker")).isFalse();
    }

    @Test
    void shouldHonourOperatorPrecedenceAndParentheses() {
        assertThat(matches("gpu && docker || big", "big")).isTrue();
        assertThat(matches("gpu && (docker || big)", "big")).isFalse();
        assertThat(matches("!windows && docker", "docker", "linux")).isTrue();
        assertThat(matches("!windows && docker", "docker", "windows")).isFalse();
        assertThat(matches("gpu -> cuda13", "docker")).isTrue();
        assertThat(matches("gpu -> cuda13", "gpu")).isFalse();
        assertThat(matches("gpu <-> cuda", "gpu", "cuda")).isTrue();
        assertThat(matches("gpu <-> cuda", "gpu")).isFalse();
    }

    @Test
    void shouldAcceptQuotedAndPunctuatedLabels() {
        assertThat(matches("\"cuda 13\" && linux-x86_64.v2", "cuda 13", "linux-x86_64.v2")).isTrue();
    }

    @Test
    void shouldRejectMalformedExpressionsWithAHint() {
        assertThatThrownBy(() -> LabelExpression.parse("gpu &&")).isInstanceOf(MorganException.class)
                .hasMessageContaining("bad label expression").hasMessageContaining("fix:");
        assertThatThrownBy(() -> LabelExpression.parse("(gpu")).isInstanceOf(MorganException.class)
                .hasMessageContaining("missing ')'");
    }
}
