package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PullRetryTest {
    @Test
    void shouldRetryOnlyFetchErrorsThatMayPass() {
        // as BuildKit printed them against a rate-limited registry (RegistryIT) and as Docker Hub answers
        assertThat(PullRetry.transientFetchError("[internal] load metadata for 127.0.0.1:37577/base/debian:bookworm: "
                + "pulling from host 127.0.0.1:37577 failed with status code [manifests bookworm]: 429 ")).isPresent();
        assertThat(PullRetry.transientFetchError("[internal] load metadata for docker.io/library/python:3.11: failed to "
                + "resolve source metadata for docker.io/library/python:3.11: toomanyrequests: You have reached your pull "
                + "rate limit")).isPresent();
        assertThat(PullRetry.transientFetchError("[internal] load metadata for ghcr.io/x/y:1: failed to do request: "
                + "Head \"https://ghcr.io/v2/x/y/manifests/1\": read tcp 10.0.0.2:5555->1.2.3.4:443: read: connection reset by peer"))
                .isPresent();
        assertThat(PullRetry.transientFetchError("[internal] load metadata for 127.0.0.1:5000/b:1: pulling from host "
                + "127.0.0.1:5000 failed with status code [manifests 1]: 503 Service Unavailable")).isPresent();

        assertThat(PullRetry.transientFetchError("[internal] load metadata for 127.0.0.1:5000/b:1: pulling from host "
                + "127.0.0.1:5000 failed with status code [manifests 1]: 401 Unauthorized")).as("credentials").isEmpty();
        assertThat(PullRetry.transientFetchError("[internal] load metadata for docker.io/library/nope:1: "
                + "docker.io/library/nope:1: not found")).as("no such image").isEmpty();
        assertThat(PullRetry.transientFetchError("[app 2/3] RUN curl https://x | sh: process \"/bin/sh -c curl\" did not "
                + "complete successfully: exit code: 56 (connection reset by peer)")).as("a RUN step").isEmpty();
        assertThat(PullRetry.transientFetchError(null)).isEmpty();
    }

    @Test
    void shouldWaitTwiceAsLongBeforeEachAttempt() {
        assertThat(PullRetry.waitBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(PullRetry.waitBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(PullRetry.waitBefore(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(PullRetry.ATTEMPTS).isEqualTo(4);
    }
}
