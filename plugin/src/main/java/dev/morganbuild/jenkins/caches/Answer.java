package dev.morganbuild.jenkins.caches;

import dev.morganbuild.jenkins.Messages;
import java.time.Duration;
import java.time.Instant;

/**
 * What one party answered when asked: a value, a failure, or nothing within the deadline.
 *
 * @param status   which of the three
 * @param value    the value, when {@link Status#ANSWERED}
 * @param failure  why it failed, when {@link Status#FAILED}
 * @param deadline the deadline it was asked within
 * @param at       when the value was read (for a cached answer: when it was first read)
 * @param cached   whether the value came from the cache rather than from a call made now
 * @param <T>      the value's type
 */
public record Answer<T>(Status status, T value, Throwable failure, Duration deadline, Instant at, boolean cached) {

    /** The three outcomes of a call. */
    public enum Status { ANSWERED, FAILED, TIMED_OUT }

    static <T> Answer<T> answered(T value, Duration deadline, Instant at) {
        return new Answer<>(Status.ANSWERED, value, null, deadline, at, false);
    }

    static <T> Answer<T> failed(Throwable failure, Duration deadline, Instant at) {
        return new Answer<>(Status.FAILED, null, failure, deadline, at, false);
    }

    static <T> Answer<T> timedOut(Duration deadline, Instant at) {
        return new Answer<>(Status.TIMED_OUT, null, null, deadline, at, false);
    }

    Answer<T> fromCache() {
        return new Answer<>(status, value, failure, deadline, at, true);
    }

    /** Whether a value came back. */
    public boolean ok() {
        return status == Status.ANSWERED;
    }

    /** Why there is no value, for the page ("did not answer within 10 s", the failure's message), or null. */
    public String problem() {
        return switch (status) {
            case ANSWERED -> null;
            case TIMED_OUT -> Messages.Caches_NoAnswer(seconds(deadline));
            case FAILED -> failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        };
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return Messages.Caches_Seconds(ms % 1000 == 0 ? String.valueOf(ms / 1000)
                : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0));
    }
}
