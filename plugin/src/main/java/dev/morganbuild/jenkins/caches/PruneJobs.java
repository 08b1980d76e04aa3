package dev.morganbuild.jenkins.caches;

import dev.morganbuild.jenkins.Messages;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Prunes that run in the background, at most one per agent: {@link #start} returns at once, and the
 * page shows the agent's latest job (running since when, or what it reclaimed and when it finished,
 * or its error). Jobs live in memory only: a controller restart forgets them (the prune on the agent
 * is not resumed or reported).
 *
 * @param <K> the agent's key (its name)
 */
public final class PruneJobs<K> {
    private final Executor executor;
    private final Clock clock;
    private final ConcurrentHashMap<K, Job> latest = new ConcurrentHashMap<>();

    /**
     * One prune.
     *
     * @param what     what it prunes, e.g. "cache mount apt"
     * @param started  when it was started
     * @param finished when it finished, or null while it runs
     * @param result   what it reports (what it reclaimed), once finished without error
     * @param error    why it failed, or null
     */
    public record Job(String what, Instant started, Instant finished, String result, String error) {
        /** Whether it is still running. */
        public boolean running() {
            return finished == null;
        }
    }

    public PruneJobs(Executor executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Starts a prune unless one is running for the key.
     *
     * @param what describes the prune for the page
     * @param work does it and returns what it reclaimed
     * @return the running job for the key: the new one, or the one that was already running
     */
    public Started start(K key, String what, Callable<String> work) {
        Job job = new Job(what, clock.instant(), null, null, null);
        Job before = latest.compute(key, (k, old) -> old != null && old.running() ? old : job);
        if (before != job) {
            return new Started(before, false);
        }
        try {
            executor.execute(() -> run(key, job, work));
        } catch (RejectedExecutionException e) {
            finish(key, job, null, Messages.Caches_PruneCouldNotStart(e.getMessage()));
        }
        return new Started(latest.get(key), true);
    }

    /**
     * The outcome of {@link #start}.
     *
     * @param job the agent's running (or, when it could not start, failed) job
     * @param now whether this call started it
     */
    public record Started(Job job, boolean now) {
    }

    /** The key's latest prune, running or finished. */
    public Optional<Job> latest(K key) {
        return Optional.ofNullable(latest.get(key));
    }

    private void run(K key, Job job, Callable<String> work) {
        try {
            finish(key, job, work.call(), null);
        } catch (InterruptedException e) {
            finish(key, job, null, Messages.Caches_PruneInterrupted());
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            finish(key, job, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (Error e) {
            finish(key, job, null, e.toString());
            throw e;
        }
    }

    private void finish(K key, Job job, String result, String error) {
        Job done = new Job(job.what(), job.started(), clock.instant(), result, error);
        latest.replace(key, job, done);
    }
}
