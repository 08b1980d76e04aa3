package dev.morganbuild.jenkins.caches;

import dev.morganbuild.jenkins.Messages;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Asks many parties at once and waits for them against one overall deadline: all calls start
 * together, and whatever has not answered when the deadline passes is cancelled (interrupted) and
 * reported as timed out. So N hung parties cost the caller the deadline once, not N times.
 */
public final class DeadlineFanOut {
    private final ExecutorService executor;
    private final Duration deadline;
    private final LongSupplier nanoTime;
    private final Clock clock;

    /**
     * @param executor runs the calls; it should not bound its threads below the number of parties
     * @param deadline how long the caller waits for all of them together
     * @param nanoTime the monotonic clock the deadline is measured on ({@code System::nanoTime})
     * @param clock    stamps the answers
     */
    public DeadlineFanOut(ExecutorService executor, Duration deadline, LongSupplier nanoTime, Clock clock) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline must be positive, not " + deadline);
        }
        this.executor = executor;
        this.deadline = deadline;
        this.nanoTime = nanoTime;
        this.clock = clock;
    }

    /** The deadline all calls share. */
    public Duration deadline() {
        return deadline;
    }

    /**
     * Starts every call, then collects the answers in the map's order until the deadline.
     *
     * @return one answer per key, in the calls' order
     */
    public <K, T> Map<K, Answer<T>> ask(Map<K, ? extends Callable<T>> calls) {
        long end = nanoTime.getAsLong() + deadline.toNanos();
        Map<K, Future<T>> started = new LinkedHashMap<>();
        Map<K, Answer<T>> out = new LinkedHashMap<>();
        for (Map.Entry<K, ? extends Callable<T>> c : calls.entrySet()) {
            try {
                started.put(c.getKey(), executor.submit(c.getValue()));
            } catch (RuntimeException e) {
                out.put(c.getKey(), Answer.failed(e, deadline, clock.instant()));
            }
        }
        boolean interrupted = false;
        for (Map.Entry<K, Future<T>> s : started.entrySet()) {
            Future<T> f = s.getValue();
            if (interrupted) {
                f.cancel(true);
                out.put(s.getKey(), Answer.failed(new InterruptedException(Messages.Caches_RequestInterrupted()),
                        deadline, clock.instant()));
                continue;
            }
            try {
                long left = Math.max(0, end - nanoTime.getAsLong());
                out.put(s.getKey(), Answer.answered(f.get(left, TimeUnit.NANOSECONDS), deadline, clock.instant()));
            } catch (TimeoutException e) {
                f.cancel(true);
                out.put(s.getKey(), Answer.timedOut(deadline, clock.instant()));
            } catch (ExecutionException e) {
                out.put(s.getKey(), Answer.failed(e.getCause() == null ? e : e.getCause(), deadline, clock.instant()));
            } catch (CancellationException e) {
                out.put(s.getKey(), Answer.failed(e, deadline, clock.instant()));
            } catch (InterruptedException e) {
                interrupted = true;
                f.cancel(true);
                out.put(s.getKey(), Answer.failed(e, deadline, clock.instant()));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        // keep the callers' order, with the calls that could not even start in their place
        Map<K, Answer<T>> ordered = new LinkedHashMap<>();
        calls.keySet().forEach(k -> ordered.put(k, out.get(k)));
        return ordered;
    }
}
