package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.morganbuild.engine.stack.Fixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** GPU detection rules and the errors of their inputs; the corpus of whole stacks is {@link GpuCorpusTest}. */
class GpuDetectionTest {
    @TempDir
    Path dir;

    private GpuRequirement gpu(String compose, String dockerfile, Map<String, String> env) {
        Path file = Fixture.project(dir, compose);
        Fixture.write(dir, "Dockerfile", dockerfile);
        Stack stack = ComposeParser.parse(file, dir, env);
        return stack.service(stack.serviceNames().get(0)).gpu();
    }

    private GpuRequirement gpu(String compose) {
        return gpu(compose, "FROM python:3.11-slim\n", Map.of());
    }

    @Test
    void shouldCountANvidiaDriverReservationWhateverItsCapabilities() {
        GpuRequirement r = gpu("""
                services:
                  comfy:
                    build: .
                    deploy:
                      resources:
                        reservations:
                          devices:
                            - driver: nvidia
                              capabilities: [compute, utility]
                """);

        assertThat(r).isEqualTo(new GpuRequirement(true, "deploy.resources.reservations.devices: driver nvidia (line 8)",
                GpuRequirement.Rule.DEVICE_RESERVATION));
    }

    @Test
    void shouldNotCountAReservationOfAnotherDriverWithoutTheGpuCapability() {
        GpuRequirement r = gpu("""
                services:
                  tpu:
                    build: .
                    deploy:
                      resources:
                        reservations:
                          devices:
                            - driver: example.com/fpga
                              capabilities: [compute]
                """);

        assertThat(r.required()).isFalse();
        assertThat(r.rule()).isEqualTo(GpuRequirement.Rule.NONE);
        assertThat(r.reason()).contains("base image python:3.11-slim is not a CUDA image, FROM line 1 of Dockerfile");
    }

    @Test
    void shouldNameTheLaterEntryThatAsksForTheGpu() {
        GpuRequirement r = gpu("""
                services:
                  s:
                    build: .
                    deploy: {resources: {reservations: {devices: [
                      {driver: example.com/fpga, capabilities: [compute]},
                      {capabilities: [GPU], count: 1}]}}}
                """);

        assertThat(r.reason()).isEqualTo("deploy.resources.reservations.devices: capabilities gpu (line 6)");
    }

    @Test
    void shouldRefuseAReservationWithoutCapabilitiesWithLineAndFix() {
        Path file = Fixture.project(dir, """
                services:
                  s:
                    build: ./app
                    deploy:
                      resources:
                        reservations:
                          devices:
                            - driver: nvidia
                              count: 1
                """);

        MorganException e = assertError(() -> Fixture.parse(file), file, 8, 15, "has no capabilities");
        assertThat(e.problem()).contains("services.s.deploy.resources.reservations.devices entry");
        assertThat(e.hint()).contains("add capabilities: [gpu]");
    }

    @Test
    void shouldCountTheReservationsDockerHandsToTheNvidiaDriver() {
        String svc = "services:\n  s:\n    build: .\n    deploy: {resources: {reservations: {devices: [%s]}}}\n";
        assertThat(gpu(svc.formatted("{capabilities: [compute, utility]}")).reason())
                .isEqualTo("deploy.resources.reservations.devices: capabilities compute, utility (Docker's NVIDIA driver has them) (line 4)");
        assertThat(gpu(svc.formatted("{capabilities: [nvidia]}")).rule()).isEqualTo(GpuRequirement.Rule.DEVICE_RESERVATION);
        assertThat(gpu(svc.formatted("{driver: cdi, device_ids: [nvidia.com/gpu=all], capabilities: [compute]}")).reason())
                .isEqualTo("deploy.resources.reservations.devices: driver cdi, device nvidia.com/gpu=all (line 4)");

        assertThat(gpu(svc.formatted("{capabilities: [compute, tpu]}")).required()).as("no driver has them all").isFalse();
        assertThat(gpu(svc.formatted("{driver: cdi, device_ids: [amd.com/gpu=all], capabilities: [gpu]}")).required())
                .as("an AMD GPU through CDI").isFalse();
        assertThat(gpu(svc.formatted("{driver: example.com/gpu, capabilities: [gpu]}")).reason())
                .isEqualTo("deploy.resources.reservations.devices: driver example.com/gpu, capabilities gpu (line 4)");
    }

    @Test
    void shouldFollowAFromNamingAnImageOrServiceContextToItsImage() {
        Fixture.write(dir, "cuda.Dockerfile", "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\n");
        Fixture.write(dir, "app.Dockerfile", "FROM base AS app\nRUN true\n");
        Path file = Fixture.write(dir, "docker-compose.yml", """
                services:
                  whisper:
                    build: {context: ., dockerfile: app.Dockerfile, additional_contexts: {base: 'service:cuda-base'}}
                  cuda-base:
                    build: {context: ., dockerfile: cuda.Dockerfile}
                  tts:
                    build: {context: ., dockerfile: app.Dockerfile, additional_contexts: {base: 'service:whisper'}}
                  pinned:
                    build: {context: ., dockerfile: app.Dockerfile,
                            additional_contexts: {base: 'docker-image://nvcr.io/nvidia/pytorch:24.01-py3'}}
                  cpu:
                    build: {context: ., dockerfile: app.Dockerfile, additional_contexts: {base: 'docker-image://python:3.12'}}
                """);

        Stack stack = Fixture.parse(file);

        assertThat(stack.service("whisper").gpu().reason()).isEqualTo("base image base is the image of service cuda-base "
                + "(additional context base: service:cuda-base), whose base image nvidia/cuda:12.4.1-runtime-ubuntu22.04: "
                + "cuda in repository (FROM line 1 of cuda.Dockerfile)");
        assertThat(stack.service("tts").gpu().required()).as("through a chain, whatever the file order").isTrue();
        assertThat(stack.service("pinned").gpu().reason()).isEqualTo("base image nvcr.io/nvidia/pytorch:24.01-py3: NVIDIA NGC "
                + "image (additional context base, FROM line 1 of app.Dockerfile)");
        assertThat(stack.service("cpu").gpu().required()).isFalse();
    }

    @Test
    void shouldRefuseAMalformedReservationOfAServiceWithoutBuildAsComposeDoes() {
        Path file = Fixture.project(dir, """
                services:
                  app:
                    build: ./app
                  ollama:
                    image: ollama/ollama
                    deploy: {resources: {reservations: {devices: [{driver: nvidia, count: all}]}}}
                """);

        MorganException e = assertError(() -> Fixture.parse(file), file, 6, 51, "has no capabilities");
        assertThat(e.problem()).contains("services.ollama.deploy.resources.reservations.devices entry");
    }

    @Test
    void shouldRefuseAReservationWithoutCapabilitiesEvenWhenGpuIsForced() {
        Path file = Fixture.project(dir, """
                services:
                  s:
                    build: ./app
                    x-morgan: {gpu: false}
                    deploy: {resources: {reservations: {devices: [{driver: nvidia, capabilities: null}]}}}
                """);

        assertError(() -> Fixture.parse(file), file, 5, 51, "has no capabilities");
    }

    @Test
    void shouldRefuseDevicesThatAreNotAList() {
        Path file = Fixture.project(dir, """
                services:
                  s:
                    build: ./app
                    deploy: {resources: {reservations: {devices: {driver: nvidia}}}}
                """);

        assertError(() -> Fixture.parse(file), file, 4, 50, "must be a list");
    }

    @Test
    void shouldReadGpusInTheShortAndTheLongForm() {
        assertThat(gpu("services:\n  s:\n    build: .\n    gpus: all\n").reason()).isEqualTo("gpus: all (line 4)");
        assertThat(gpu("services:\n  s:\n    build: .\n    gpus: [{driver: nvidia, count: 1}, {driver: nvidia, "
                + "device_ids: ['1']}]\n").reason()).isEqualTo("gpus: 2 device requests (line 4)");
        assertThat(gpu("services:\n  s:\n    build: .\n    gpus:\n").required()).isFalse();
    }

    @Test
    void shouldRefuseGpusOtherThanAllOrAListOfMappings() {
        Path file = Fixture.project(dir, "services:\n  s:\n    build: ./app\n    gpus: [all]\n");

        assertError(() -> Fixture.parse(file), file, 4, 12, "gpus entry");
        Path number = Fixture.project(dir, "services:\n  s:\n    build: ./app\n    gpus: 2\n");
        assertThat(assertError(() -> Fixture.parse(number), number, 4, 11, "must be all or a list").hint())
                .contains("count: 2");
    }

    @Test
    void shouldNameTheNvidiaRuntimeLine() {
        assertThat(gpu("services:\n  s:\n    build: .\n    environment: [A=1]\n    runtime: NVIDIA\n"))
                .isEqualTo(new GpuRequirement(true, "runtime: nvidia (line 5)", GpuRequirement.Rule.RUNTIME));
        assertThat(gpu("services:\n  s:\n    build: .\n    runtime: runc\n").required()).isFalse();
    }

    @Test
    void shouldLetXMorganGpuWinOverEveryRule() {
        GpuRequirement r = gpu("services:\n  s:\n    build: .\n    runtime: nvidia\n    gpus: all\n"
                + "    x-morgan: {gpu: false}\n", "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\n", Map.of());

        assertThat(r.required()).isFalse();
        assertThat(r.rule()).isEqualTo(GpuRequirement.Rule.FORCED);
        assertThat(gpu("x-morgan: {gpu: true}\nservices:\n  s:\n    build: .\n").rule())
                .isEqualTo(GpuRequirement.Rule.FORCED);
    }

    @Test
    void shouldPreferTheServiceRulesToTheBaseImage() {
        GpuRequirement r = gpu("services:\n  s:\n    build: .\n    gpus: all\n",
                "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\n", Map.of());

        assertThat(r.rule()).isEqualTo(GpuRequirement.Rule.GPUS);
    }

    @Test
    void shouldResolveTheBaseImageForTheDefaultPlatformAndTheFirstOfBuildPlatforms() {
        String dockerfile = """
                ARG FLAVOUR=runtime
                FROM pytorch/pytorch:2.3.0-cuda12.1-cudnn8-${FLAVOUR} AS build-amd64
                FROM python:3.11-slim AS build-arm64
                FROM build-${TARGETARCH}
                """;
        GpuRequirement viaEnv = gpu("services:\n  tts:\n    build: .\n", dockerfile,
                Map.of("DOCKER_DEFAULT_PLATFORM", "linux/amd64"));
        GpuRequirement viaPlatforms = gpu("services:\n  tts:\n    build: {context: ., platforms: [linux/arm64]}\n",
                dockerfile, Map.of("DOCKER_DEFAULT_PLATFORM", "linux/amd64"));

        assertThat(viaEnv).isEqualTo(new GpuRequirement(true, "base image pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime: "
                + "cuda in tag (FROM line 2 of Dockerfile, TARGETARCH=amd64)", GpuRequirement.Rule.CUDA_IMAGE));
        assertThat(viaPlatforms.required()).isFalse();
        assertThat(viaPlatforms.reason()).endsWith("base image python:3.11-slim is not a CUDA image, "
                + "FROM line 3 of Dockerfile, TARGETARCH=arm64)");
    }

    @Test
    void shouldTakeComposeArgsIntoTheBaseImage() {
        GpuRequirement r = gpu("services:\n  s:\n    build: {context: ., args: {BASE: 'nvcr.io/nvidia/pytorch:24.01-py3'}}\n",
                "ARG BASE=python:3.11-slim\nFROM ${BASE}\n", Map.of());

        assertThat(r.reason()).isEqualTo("base image nvcr.io/nvidia/pytorch:24.01-py3: NVIDIA NGC image "
                + "(FROM line 2 of Dockerfile)");
    }

    @Test
    void shouldMatchGpuImagePatternsAfterTheBuiltInRules() {
        String compose = "x-morgan:\n  gpu-images: ['myorg/trainer:*', 'python']\nservices:\n  s:\n    build: .\n";

        assertThat(gpu(compose, "FROM myorg/trainer:2\n", Map.of())).isEqualTo(new GpuRequirement(true,
                "base image myorg/trainer:2: x-morgan.gpu-images pattern myorg/trainer:* (FROM line 1 of Dockerfile)",
                GpuRequirement.Rule.GPU_IMAGE_PATTERN));
        assertThat(gpu(compose, "FROM python:3.11-slim\n", Map.of()).reason()).contains("pattern python ");
        assertThat(gpu(compose, "FROM nvidia/cuda:12\n", Map.of()).rule()).isEqualTo(GpuRequirement.Rule.CUDA_IMAGE);
        assertThat(gpu(compose, "FROM myorg/api:2\n", Map.of()).required()).isFalse();
    }

    @Test
    void shouldRefuseGpuImagesOnAServiceAndPatternsThatAreNoImages() {
        Path perService = Fixture.project(dir, "services:\n  s:\n    build: ./app\n    x-morgan:\n      gpu-images: [a/*]\n");
        MorganException e = assertError(() -> Fixture.parse(perService), perService, 5, 7, "is a project setting");
        assertThat(e.hint()).contains("top-level x-morgan");

        Path bad = Fixture.project(dir, "x-morgan:\n  gpu-images:\n    - ok/*\n    - 'my org/*'\nservices:\n  s:\n    build: ./app\n");
        assertError(() -> Fixture.parse(bad), bad, 4, 7, "'my org/*' is not an image pattern");

        Path notList = Fixture.project(dir, "x-morgan:\n  gpu-images: myorg/*\nservices:\n  s:\n    build: ./app\n");
        assertError(() -> Fixture.parse(notList), notList, 2, 15, "must be a list");
    }
}
