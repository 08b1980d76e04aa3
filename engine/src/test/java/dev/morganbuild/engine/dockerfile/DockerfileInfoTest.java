package dev.morganbuild.engine.dockerfile;

import dev.morganbuild.engine.MorganException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class DockerfileInfoTest {

    private static List<String> keywords(DockerfileInfo.Stage s) {
        return s.instructions().stream().map(i -> i.keyword() + "@" + i.line()).toList();
    }

    @Test
    void shouldReadDirectivesContinuationsCommentsAndHeredocs() {
        String text = """
                # syntax=docker/dockerfile:1.7
                # escape=`
                ARG BASE=debian
                ARG TAG=bookworm
                # a comment
                FROM --platform=$BUILDPLATFORM ${BASE}:${TAG} AS Build
                RUN apt-get update && `
                # dropped comment inside the continuation
                    apt-get install -y curl
                RUN <<EOF
                FROM not-a-stage
                echo hi
                EOF
                COPY <<-CONF /etc/app.conf
                \tkey=value
                \tCONF
                FROM build
                WORKDIR C:\\app
                """;

        DockerfileInfo info = DockerfileInfo.parse("Dockerfile", text, Map.of());

        assertThat(info.syntax()).isEqualTo("docker/dockerfile:1.7");
        assertThat(info.escape()).isEqualTo('`');
        assertThat(info.globalArgs()).containsExactly(entry("BASE", "debian"), entry("TAG", "bookworm"));
        assertThat(info.stages()).hasSize(2);
        DockerfileInfo.Stage build = info.stages().get(0);
        assertThat(build.name()).isEqualTo("build");
        assertThat(build.from()).isEqualTo("debian:bookworm");
        assertThat(build.platform()).isEqualTo("$BUILDPLATFORM");
        assertThat(build.line()).isEqualTo(6);
        assertThat(keywords(build)).containsExactly("RUN@7", "RUN@10", "COPY@14");
        assertThat(build.instructions().get(0).arguments()).isEqualTo("apt-get update &&      apt-get install -y curl");
        assertThat(build.instructions().get(1).heredoc()).isEqualTo("FROM not-a-stage\necho hi\n");
        assertThat(build.instructions().get(2).heredoc()).isEqualTo("key=value\n");
        DockerfileInfo.Stage last = info.stages().get(1);
        assertThat(last.parent()).isEqualTo("build");
        assertThat(last.image()).isNull();
        assertThat(keywords(last)).containsExactly("WORKDIR@18");
        assertThat(info.stageNames()).containsExactly("build");
        assertThat(info.baseImage(null)).isEqualTo("debian:bookworm");
    }

    @Test
    void shouldRefuseArgsThatGrowExponentiallyOrNestTooDeepAtTheirLine() {
        StringBuilder laughs = new StringBuilder("ARG A0=xxxxxxxxxx\n");
        for (int i = 1; i <= 12; i++) {
            laughs.append("ARG A").append(i).append('=').append(("${A" + (i - 1) + "}").repeat(10)).append('\n');
        }
        laughs.append("FROM debian:${A12}\n");
        assertThatThrownBy(() -> DockerfileInfo.parse("Dockerfile", laughs.toString(), Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.line()).isEqualTo(5); // A4: 10^5 characters
                    assertThat(e.problem()).isEqualTo("a value here expands to more than 65536 characters");
                });

        String deep = "ARG A=" + "${B:-".repeat(5000) + "x" + "}".repeat(5000) + "\nFROM debian\n";
        assertThatThrownBy(() -> DockerfileInfo.parse("Dockerfile", deep, Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.problem()).contains("nested more than 16 levels deep");
                });

        String fromDeep = "FROM " + "${B:-".repeat(40) + "debian" + "}".repeat(40) + "\n";
        assertThatThrownBy(() -> DockerfileInfo.parse("Dockerfile", fromDeep, Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> assertThat(e.line()).isEqualTo(1));
    }

    @Test
    void shouldResolveFromWithBuildArgsOverridingGlobalArgDefaults() {
        String text = """
                ARG REGISTRY=docker.io
                ARG IMAGE=${REGISTRY}/nvidia/cuda
                ARG VERSION
                FROM ${IMAGE}:${VERSION:-12.4.1-runtime} AS base
                FROM $IMAGE AS other
                """;

        DockerfileInfo defaults = DockerfileInfo.parse("Dockerfile", text, Map.of());
        DockerfileInfo overridden = DockerfileInfo.parse("Dockerfile", text,
                Map.of("REGISTRY", "nvcr.io", "VERSION", "12.6.0-base", "UNDECLARED", "x"));
        DockerfileInfo image = DockerfileInfo.parse("Dockerfile", text, Map.of("IMAGE", "morgan/debian"));

        assertThat(defaults.baseImage("base")).isEqualTo("docker.io/nvidia/cuda:12.4.1-runtime");
        assertThat(overridden.baseImage("base")).isEqualTo("nvcr.io/nvidia/cuda:12.6.0-base");
        assertThat(overridden.baseImage("other")).isEqualTo("nvcr.io/nvidia/cuda");
        assertThat(image.baseImage("BASE")).isEqualTo("morgan/debian:12.4.1-runtime");
        assertThat(overridden.globalArgs()).doesNotContainKey("UNDECLARED");
    }

    @Test
    void shouldGiveEqualBaseFingerprintsToStagesThatShareTheirBase() {
        String core = """
                ARG BASE_IMAGE=morgan/debian:bookworm
                FROM ${BASE_IMAGE} AS base
                RUN --mount=type=cache,target=/var/cache/apt apt-get install -y python3
                FROM base AS deps
                COPY core/requirements.txt /r.txt
                RUN pip install -r /r.txt
                FROM deps AS app
                COPY core/app /srv/core
                """;
        String llm = core.replace("core", "llm").replace("AS base", "AS system").replace("FROM base", "FROM system");

        DockerfileInfo a = DockerfileInfo.parse("a", core, Map.of());
        DockerfileInfo b = DockerfileInfo.parse("b", llm, Map.of());
        DockerfileInfo other = DockerfileInfo.parse("c", core, Map.of("BASE_IMAGE", "nvidia/cuda:12.4.1-runtime"));

        assertThat(BaseFingerprint.of(a, "app")).isEqualTo(BaseFingerprint.of(b, "app")).hasSize(64)
                .isEqualTo(BaseFingerprint.of(a, "base"));
        assertThat(BaseFingerprint.of(a, "app")).isNotEqualTo(BaseFingerprint.of(other, "app"));
        assertThat(BaseFingerprint.baseStage(a, "app")).map(DockerfileInfo.Stage::name).contains("base");
        assertThat(BaseFingerprint.baseStage(b, "app")).map(DockerfileInfo.Stage::name).contains("system");
        assertThat(a.chain("app")).extracting(DockerfileInfo.Stage::name).containsExactly("base", "deps", "app");
    }

    @Test
    void shouldEndTheFingerprintPrefixAtABindMountAndIncludeArgValues() {
        String text = """
                FROM alpine AS base
                ARG PIP_INDEX=https://pypi.org/simple
                RUN echo $PIP_INDEX
                RUN --mount=target=/src make
                RUN echo after
                """;

        String plain = BaseFingerprint.of(DockerfileInfo.parse("a", text, Map.of()), null);
        String otherArg = BaseFingerprint.of(DockerfileInfo.parse("a", text, Map.of("PIP_INDEX", "http://mirror")), null);
        String otherTail = BaseFingerprint.of(DockerfileInfo.parse("a", text.replace("echo after", "echo changed"),
                Map.of()), null);

        assertThat(plain).isNotEqualTo(otherArg).isEqualTo(otherTail);
        assertThat(BaseFingerprint.baseStage(DockerfileInfo.parse("a", text, Map.of()), null)).isEmpty();
    }

    @Test
    void shouldRejectMalformedDockerfilesWithTheirLine() {
        assertThatThrownBy(() -> DockerfileInfo.parse("Df", "RUN true\nFROM alpine\n", Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.problem()).contains("RUN before the first FROM");
                });
        assertThatThrownBy(() -> DockerfileInfo.parse("Df", "FROM a AS x\nFROM b AS X\n", Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> assertThat(e.line()).isEqualTo(2));
        assertThatThrownBy(() -> DockerfileInfo.parse("Df", "FROM a\nRUN <<EOF\necho\n", Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.problem()).contains("heredoc <<EOF is never closed");
                });
        assertThatThrownBy(() -> DockerfileInfo.parse("Df", "# just a comment\n", Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> assertThat(e.problem()).contains("no FROM"));
        assertThatThrownBy(() -> DockerfileInfo.parse("Df", "FROM a b c d\n", Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> assertThat(e.hint()).contains("AS <name>"));
    }
}
