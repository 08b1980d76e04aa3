package dev.morganbuild.engine.dockerfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import static org.assertj.core.api.Assertions.assertThat;

class CudaImageTest {

    /** Real image references (and a few made-up names that must not count), see cuda-images.csv. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvFileSource(resources = "/dockerfile/cuda-images.csv", delimiter = '|')
    void shouldRecogniseCudaImagesByTheirNameOnly(String reference, String expectedRule) {
        assertThat(CudaImage.rule(reference).orElse("-")).isEqualTo(expectedRule);
        assertThat(ImageReference.isCuda(reference)).isEqualTo(!expectedRule.equals("-"));
    }

    @Test
    void shouldNotTreatAMissingReferenceAsCuda() {
        assertThat(CudaImage.rule(null)).isEmpty();
        assertThat(CudaImage.rule(" ")).isEmpty();
    }

    @Test
    void shouldMatchGlobsAgainstTheReferenceItsRepositoryAndTheImpliedLatestTag() {
        assertThat(CudaImage.matches("myorg/*", "myorg/trainer:1.4")).isTrue();
        assertThat(CudaImage.matches("myorg/*", "docker.io/myorg/trainer:1.4")).isTrue();
        assertThat(CudaImage.matches("myorg/trainer", "myorg/trainer:1.4")).isTrue();
        assertThat(CudaImage.matches("myorg/trainer:*", "myorg/trainer")).isTrue();
        assertThat(CudaImage.matches("myorg/trainer:latest", "myorg/trainer")).isTrue();
        assertThat(CudaImage.matches("python", "docker.io/library/python:3.11")).isTrue();
        assertThat(CudaImage.matches("MyOrg/Trainer:1.?", "myorg/trainer:1.4")).isTrue();
        assertThat(CudaImage.matches("*/cuda-*", "localhost:5000/cuda-base:1")).isTrue();
        assertThat(CudaImage.matches("registry.example.com/ml/*", "registry.example.com/ml/a/b:2")).isTrue();

        assertThat(CudaImage.matches("myorg/trainer:2*", "myorg/trainer:1.4")).isFalse();
        assertThat(CudaImage.matches("myorg/*", "otherorg/myorg:1")).isFalse();
        assertThat(CudaImage.matches("myorg/trainer", "myorg/trainer-cpu:1")).isFalse();
        assertThat(CudaImage.matches("myorg/trainer:1.?", "myorg/trainer:1.40")).isFalse();
        assertThat(CudaImage.matches("a.b", "axb")).as("dots are literal").isFalse();
    }
}
