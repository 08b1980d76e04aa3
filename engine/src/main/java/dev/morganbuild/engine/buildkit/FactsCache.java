package dev.morganbuild.engine.buildkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link EngineFacts} kept for a while by a long-lived process: a Jenkins agent or a benchmark builds
 * again within seconds and need not ask again. A run in which a service fails forgets its entry, so a
 * changed engine is probed afresh.
 */
public final class FactsCache {
    /** Probes the engine (runs docker). */
    @FunctionalInterface
    public interface Probe {
        EngineFacts run() throws InterruptedException;
    }

    private record Entry(EngineFacts facts, long nanos) {
    }

    private final long ttlNanos;
    private final Map<List<String>, Entry> entries = new ConcurrentHashMap<>();

    private FactsCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** Probes before every run (what a one-shot CLI call does anyway). */
    public static FactsCache none() {
        return new FactsCache(Duration.ZERO);
    }

    /** Reuses what was probed for the same docker client and environment for {@code ttl}. */
    public static FactsCache reuseFor(Duration ttl) {
        return new FactsCache(ttl);
    }

    public EngineFacts get(List<String> key, Probe probe) throws InterruptedException {
        Entry e = entries.get(key);
        long now = System.nanoTime();
        if (e != null && now - e.nanos() < ttlNanos) {
            return e.facts();
        }
        EngineFacts facts = probe.run();
        if (ttlNanos > 0) {
            entries.put(key, new Entry(facts, now));
        }
        return facts;
    }

    public void forget(List<String> key) {
        entries.remove(key);
    }
}
