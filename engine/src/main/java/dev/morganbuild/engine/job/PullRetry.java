package dev.morganbuild.engine.job;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Registries answer "too many requests" and 5xx, and connections drop: a build that failed because a
 * base image or a cache could not be fetched for such a reason is run again, a bounded number of times,
 * with a doubling wait. Anything else (a failing RUN step, a 401, an unknown image) fails at once.
 */
final class PullRetry {
    /** Attempts in all, the first included. */
    static final int ATTEMPTS = 4;
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);

    /** What makes a registry error worth another try, as BuildKit and docker print it. */
    private static final List<String> TRANSIENT = List.of("429 too many requests", "toomanyrequests",
            "500 internal server error", "502 bad gateway", "503 service unavailable", "504 gateway timeout",
            "connection reset by peer", "tls handshake timeout", "i/o timeout", "unexpected eof",
            "connection refused");
    /** BuildKit's "failed with status code [manifests x]: 429" (the code alone, no reason phrase). */
    private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile(
            "status code \\[[^]]*]: (429|500|502|503|504)\\b");
    /** Where such an error must come from: fetching an image or a cache, not a RUN step. */
    private static final List<String> FETCHING = List.of("load metadata for", "failed to resolve source metadata",
            "importing cache manifest", "failed to copy", "failed to do request", "pulling from host", "from docker.io",
            "] from ");

    private PullRetry() {
    }

    /** The transient fetch error in a failed build's error text, if that is why it failed. */
    static Optional<String> transientFetchError(String errorSummary) {
        if (errorSummary == null) {
            return Optional.empty();
        }
        String first = errorSummary.lines().findFirst().orElse("");
        String lower = first.toLowerCase(Locale.ROOT);
        boolean fetching = FETCHING.stream().anyMatch(lower::contains);
        boolean transientError = TRANSIENT.stream().anyMatch(lower::contains) || STATUS.matcher(lower).find();
        return fetching && transientError ? Optional.of(first) : Optional.empty();
    }

    /** The wait before attempt {@code attempt} (2, 3, ...): 1 s, 2 s, 4 s. */
    static Duration waitBefore(int attempt) {
        return FIRST_WAIT.multipliedBy(1L << Math.max(0, attempt - 2));
    }
}
