package dev.morganbuild.engine.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random multi-stage Dockerfiles with the shapes that confused the old nightly rewrite (heredocs,
 * here-strings {@code <<<}, continuations, comments inside instructions, escape directives): the lexer
 * and the rewrites agree, so every stage of a nightly rewrite declares the bust ARG, the built stage
 * carries the digest label, and nothing else changes.
 */
class BuildDockerfileProperties {

    @Provide
    Arbitrary<String> dockerfiles() {
        Arbitrary<String> instruction = Arbitraries.oneOf(
                Arbitraries.of("RUN apt-get update", "COPY . /app", "ENV A=1", "WORKDIR /srv", "USER root",
                        "RUN cat <<<\"here-string\"", "# a comment", "",
                        "RUN echo one \\\n    && echo two", "RUN echo a \\\n    # inside\n    && echo b",
                        "RUN <<EOF\nFROM not-an-instruction AS x\necho hi\nEOF",
                        "RUN <<-EOT\n\tFROM inside tabbed heredoc\n\tEOT",
                        "COPY <<EOF /etc/conf\nFROM nope\nEOF"));
        Arbitrary<String> stage = Combinators.combine(
                Arbitraries.of("debian:bookworm", "${BASE}", "nvidia/cuda:12.4.1-runtime-ubuntu22.04"),
                Arbitraries.of(" AS a1", " AS b2", " AS c3", " AS d4", ""),
                instruction.list().ofMaxSize(6))
                .as((image, as, body) -> "FROM " + image + as + "\n" + String.join("\n", body));
        return stage.list().ofMinSize(1).ofMaxSize(5).map(stages -> {
            // stage names must be unique: number them
            List<String> out = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                out.add(stages.get(i).replaceFirst(" AS [a-z]\\d", " AS s" + i));
            }
            return "ARG BASE=debian:bookworm\n" + String.join("\n", out) + "\n";
        });
    }

    @Property(tries = 600)
    void everyStageOfTheNightlyRewriteDeclaresTheBustArg(@ForAll("dockerfiles") String text) {
        String rewritten = NightlyDockerfile.withBustArg(text);

        DockerfileInfo original = DockerfileInfo.parse("Dockerfile", text, Map.of());
        DockerfileInfo nightly = DockerfileInfo.parse("Dockerfile", rewritten, Map.of());
        assertThat(nightly.stages()).hasSameSizeAs(original.stages());
        for (DockerfileInfo.Stage s : nightly.stages()) {
            assertThat(s.instructions()).isNotEmpty();
            assertThat(s.instructions().get(0).keyword()).isEqualTo("ARG");
            assertThat(s.instructions().get(0).arguments()).isEqualTo(NightlyDockerfile.ARG);
        }
        assertThat(withoutLines(rewritten, "ARG " + NightlyDockerfile.ARG)).isEqualTo(text);
    }

    @Property(tries = 600)
    void theBuildRewriteLabelsExactlyTheBuiltStageAndChangesNothingElse(@ForAll("dockerfiles") String text) {
        DockerfileInfo original = DockerfileInfo.parse("Dockerfile", text, Map.of());
        String target = original.stageNames().isEmpty() ? null : original.stageNames().get(0);
        String label = "LABEL dev.morganbuild.dockerfile.sha256=\"" + BuildDockerfile.digest(text) + "\"";

        String rewritten = BuildDockerfile.rewrite("Dockerfile", text, target, true, Map.of());

        DockerfileInfo built = DockerfileInfo.parse("Dockerfile", rewritten, Map.of());
        DockerfileInfo.Stage labelled = target == null ? built.stages().get(built.stages().size() - 1)
                : built.stage(target).orElseThrow();
        for (DockerfileInfo.Stage s : built.stages()) {
            long labels = s.instructions().stream().filter(i -> i.keyword().equals("LABEL")
                    && i.arguments().startsWith("dev.morganbuild.dockerfile.sha256=")).count();
            assertThat(labels).isEqualTo(s == labelled ? 1 : 0);
            assertThat(s.instructions().get(0).arguments()).isEqualTo(NightlyDockerfile.ARG);
        }
        assertThat(withoutLines(withoutLines(rewritten, label), "ARG " + NightlyDockerfile.ARG)).isEqualTo(text);
    }

    private static String withoutLines(String text, String line) {
        List<String> kept = new ArrayList<>();
        for (String l : DockerfileLexer.lines(text)) {
            if (!l.equals(line)) {
                kept.add(l);
            }
        }
        return String.join("\n", kept);
    }
}
