package dev.morganbuild.engine.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.stack.BuildSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ArgvRendererTest {
    static final Path CTX = Path.of("/repo");

    static BuildRequest.Builder tts() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("CUDA_IMAGE", "nvidia/cuda:12.4.1-runtime-ubuntu22.04");
        args.put("NOTE", "a; rm -rf / $(touch /tmp/pwned) `id`\nsecond line");
        return BuildRequest.builder("tts", CTX, CTX.resolve("services/tts/Dockerfile"))
                .target("app")
                .buildArgs(args)
                .tags(List.of("morgan-stack/tts:latest", "registry.example.com:5000/team/tts:1.2"))
                .labels(Map.of("org.opencontainers.image.title", "tts service"))
                .secrets(List.of(new BuildSecret("hf_token", null, "HF_TOKEN"), new BuildSecret("pip", "/run/pip.conf", null)))
                .network("host")
                .iidFile(Path.of("/tmp/w/image.iid"));
    }

    static List<String> expected(String name) throws IOException {
        try (var in = Objects.requireNonNull(ArgvRendererTest.class.getResourceAsStream("/buildkit/" + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void shouldRenderBuiltinBuildKitArgvWithEveryValueAsOneLiteralElement() throws IOException {
        RenderedBuild r = ArgvRenderer.render(tts().build(), Backend.BUILTIN, "/usr/bin/docker");

        assertThat(r.command().argv()).containsExactlyElementsOf(expected("builtin-tts.argv").stream()
                .map(l -> l.replace("\\n", "\n")).toList());
        assertThat(r.command().env()).containsEntry("DOCKER_BUILDKIT", "1");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void shouldHandARemoteContextAndTheDockerfilePathInsideItToBuildKit() throws IOException {
        BuildRequest req = BuildRequest.builder("whisper", null, null)
                .remote("https://github.com/ahmetoner/whisper-asr-webservice.git#v1.9.1", "docker/Dockerfile.gpu")
                .target("app").tags(List.of("whisper:gpu")).load(true).build();

        assertThat(ArgvRenderer.render(req, Backend.BUILDX, "docker").command().argv())
                .containsExactlyElementsOf(expected("buildx-remote.argv"));
        assertThat(ArgvRenderer.render(req, Backend.BUILTIN, "docker").command().argv())
                .endsWith("https://github.com/ahmetoner/whisper-asr-webservice.git#v1.9.1").contains("docker/Dockerfile.gpu");
    }

    @Test
    void shouldRefuseARemoteContextOrDockerfileThatWouldNotStayOneArgument() {
        assertThatThrownBy(() -> ArgvRenderer.render(BuildRequest.builder("x", null, null)
                .remote("https://example.com/a b.git", "Dockerfile").build(), Backend.BUILDX, "docker"))
                .isInstanceOf(MorganException.class).hasMessageContaining("not a git or HTTP(S) URL in one word");
        assertThatThrownBy(() -> ArgvRenderer.render(BuildRequest.builder("x", null, null)
                .remote("https://example.com/a.git", "--file=/etc/passwd").build(), Backend.BUILDX, "docker"))
                .isInstanceOf(MorganException.class).hasMessageContaining("cannot be passed to docker");
    }

    @Test
    void shouldRenderBuildxArgvWithLocalCacheExportAndMetadataFile() throws IOException {
        BuildRequest req = tts().builderName("morgan").localCacheDir(Path.of("/cache/services/tts"))
                .metadataFile(Path.of("/tmp/w/metadata.json")).load(true).build();

        RenderedBuild r = ArgvRenderer.render(req, Backend.BUILDX, "docker");

        assertThat(r.command().argv()).containsExactlyElementsOf(expected("buildx-tts-local.argv").stream()
                .map(l -> l.replace("\\n", "\n")).toList());
        assertThat(r.command().env()).isEmpty();
    }

    @Test
    void shouldRenderBuildxRegistryCache() {
        BuildRequest req = BuildRequest.builder("core", CTX, CTX.resolve("core/Dockerfile"))
                .registryCacheRef("registry.example.com/cache/core").push(true).build();

        List<String> argv = ArgvRenderer.render(req, Backend.BUILDX, "docker").command().argv();

        assertThat(argv).containsSequence("--cache-from", "type=registry,ref=registry.example.com/cache/core")
                .containsSequence("--cache-to", "type=registry,ref=registry.example.com/cache/core,mode=max")
                .contains("--push").doesNotContain("--load");
    }

    @Test
    void shouldUseInlineCacheWithCacheFromImagesOnTheBuiltinBackEnd() {
        BuildRequest req = BuildRequest.builder("core", CTX, CTX.resolve("core/Dockerfile")).inlineCache(true)
                .cacheFrom(List.of("morgan-stack/core:latest", "type=registry,ref=reg.example/core:cache", "type=local,src=/x"))
                .build();

        RenderedBuild r = ArgvRenderer.render(req, Backend.BUILTIN, "docker");

        assertThat(r.command().argv()).containsSequence("--build-arg", "BUILDKIT_INLINE_CACHE=1")
                .containsSequence("--cache-from", "morgan-stack/core:latest")
                .containsSequence("--cache-from", "reg.example/core:cache")
                .doesNotContain("type=local,src=/x");
        assertThat(r.warnings()).singleElement().asString().contains("type=local,src=/x").contains("buildx");
    }

    @Test
    void shouldWarnInsteadOfSilentlyDroppingWhatTheBuiltinBackEndCannotDo() {
        BuildRequest req = BuildRequest.builder("core", CTX, CTX.resolve("core/Dockerfile"))
                .cacheTo(List.of("type=local,dest=/c")).additionalContexts(Map.of("shared", "/repo/shared")).build();

        RenderedBuild r = ArgvRenderer.render(req, Backend.BUILTIN, "docker");

        assertThat(r.warnings()).hasSize(2).anyMatch(w -> w.contains("cache_to")).anyMatch(w -> w.contains("additional_contexts"));
        assertThat(r.command().argv()).doesNotContain("--build-context", "--cache-to");
    }

    @Test
    void shouldPassNoCacheOnlyWhenAsked() {
        BuildRequest.Builder b = BuildRequest.builder("core", CTX, CTX.resolve("core/Dockerfile"));

        assertThat(ArgvRenderer.render(b.build(), Backend.BUILTIN, "docker").command().argv()).doesNotContain("--no-cache");
        assertThat(ArgvRenderer.render(b.noCache(true).build(), Backend.BUILTIN, "docker").command().argv())
                .contains("--no-cache");
    }

    @Test
    void shouldNeverPutSecretValuesInArgv() {
        RenderedBuild r = ArgvRenderer.render(tts().build(), Backend.BUILTIN, "docker");

        assertThat(r.command().argv()).containsSequence("--secret", "id=hf_token,env=HF_TOKEN")
                .containsSequence("--secret", "id=pip,src=/run/pip.conf");
    }

    @Test
    void shouldRejectSecretSourcesThatWouldChangeDockersCsvParsing() {
        BuildRequest req = BuildRequest.builder("core", CTX, CTX.resolve("core/Dockerfile"))
                .secrets(List.of(new BuildSecret("x", "/tmp/a,src=/etc/shadow", null))).build();

        assertThatThrownBy(() -> ArgvRenderer.render(req, Backend.BUILTIN, "docker"))
                .isInstanceOf(MorganException.class).hasMessageContaining("comma");
    }

    @Test
    void shouldRefuseValuesThatWouldChangeTheirMeaningAsArguments() {
        List<java.util.function.UnaryOperator<BuildRequest.Builder>> hostile = List.of(
                b -> b.tags(List.of("-leading-dash")),
                b -> b.tags(List.of("evil;tag")),
                b -> b.tags(List.of("app:1\n--privileged")),
                b -> b.buildArgs(Map.of("A=B", "x")),
                b -> b.buildArgs(Map.of(" A", "x")),
                b -> b.buildArgs(Map.of("A", "nul\0byte")),
                b -> b.labels(Map.of("k=v", "x")),
                b -> b.labels(Map.of("k\nj", "x")),
                b -> b.target("--output=type=local,dest=/tmp/x"),
                b -> b.target("app;id"),
                b -> b.network("host; rm -rf /"),
                b -> b.network("--privileged"));
        for (var change : hostile) {
            BuildRequest r = change.apply(tts()).build();
            assertThatThrownBy(() -> ArgvRenderer.render(r, Backend.BUILTIN, "docker"))
                    .isInstanceOf(dev.morganbuild.engine.MorganException.class)
                    .satisfies(e -> assertThat(((dev.morganbuild.engine.MorganException) e).hint()).isNotBlank())
                    .hasMessageNotContaining("nul\0byte");
        }
    }
}
