package dev.morganbuild.engine.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NightlyDockerfileTest {
    @Test
    void shouldDeclareTheBustArgAfterEveryFrom() {
        String in = """
                ARG BASE=debian
                FROM ${BASE} AS base
                RUN apt-get update
                FROM base AS app
                COPY . /app
                """;

        assertThat(NightlyDockerfile.withBustArg(in)).isEqualTo("""
                ARG BASE=debian
                FROM ${BASE} AS base
                ARG MORGAN_NIGHTLY_ID
                RUN apt-get update
                FROM base AS app
                ARG MORGAN_NIGHTLY_ID
                COPY . /app
                """);
    }

    @Test
    void shouldInsertAfterTheWholeContinuedFromAndHonourTheEscapeDirective() {
        String in = "# escape=`\nFROM `\n  # a comment inside\n  debian `\n  AS base\nRUN echo \\\n";

        assertThat(NightlyDockerfile.withBustArg(in))
                .isEqualTo("# escape=`\nFROM `\n  # a comment inside\n  debian `\n  AS base\nARG MORGAN_NIGHTLY_ID\nRUN echo \\\n");
    }

    @Test
    void shouldNotMistakeHeredocBodiesForInstructions() {
        String in = "FROM debian\nRUN <<EOF\nFROM inside heredoc\nEOF\nRUN true\n";

        assertThat(NightlyDockerfile.withBustArg(in))
                .isEqualTo("FROM debian\nARG MORGAN_NIGHTLY_ID\nRUN <<EOF\nFROM inside heredoc\nEOF\nRUN true\n");
    }
}
