package dev.morganbuild.jenkins.caches;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values kept for a fixed time per key, so a page that is reloaded does not ask every agent again.
 * Expired entries are dropped when they are looked up or when another value is stored.
 *
 * @param <K> the key (an agent's name)
 * @param <V> the value
 */
public final class ExpiringCache<K, V> {
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    /** A stored value and when it was read. */
    public record Entry<V>(V value, Instant at) {
    }

    public ExpiringCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** How long a value stays. */
    public Duration ttl() {
        return ttl;
    }

    /** The key's value if it was read less than the time to live ago. */
    public Optional<Entry<V>> fresh(K key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (expired(e)) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /** Stores a value read at {@code at}. */
    public void put(K key, V value, Instant at) {
        entries.values().removeIf(this::expired);
        entries.put(key, new Entry<>(value, at));
    }

    /** Forgets one key. */
    public void drop(K key) {
        entries.remove(key);
    }

    /** Forgets everything. */
    public void clear() {
        entries.clear();
    }

    private boolean expired(Entry<V> e) {
        return !clock.instant().isBefore(e.at().plus(ttl));
    }
}
