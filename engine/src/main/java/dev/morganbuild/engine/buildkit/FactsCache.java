package dev.morganbuild.engine.buildkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.morganbuild.engine.text.AtomicWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link EngineFacts} kept for a while, keyed by {@link EngineIdentity}: a Jenkins agent or a benchmark
 * builds again within seconds and need not ask again, and neither does the next CLI call, which finds
 * them in a small file in the cache root. A run in which a service fails forgets its entry, so a
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

    /** Folder of the on-disk entries, under the cache root. */
    public static final String FOLDER = "engine-facts";

    private final long ttlNanos;
    private final Duration ttl;
    private final boolean onDisk;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private FactsCache(Duration ttl, boolean onDisk) {
        this.ttl = ttl;
        this.ttlNanos = ttl.toNanos();
        this.onDisk = onDisk;
    }

    /** Probes before every run. */
    public static FactsCache none() {
        return new FactsCache(Duration.ZERO, false);
    }

    /** Reuses what this process probed for the same identity for {@code ttl}. */
    public static FactsCache reuseFor(Duration ttl) {
        return new FactsCache(ttl, false);
    }

    /** Reuses what any process probed for the same identity for {@code ttl}, kept in the cache root. */
    public static FactsCache onDisk(Duration ttl) {
        return new FactsCache(ttl, true);
    }

    /**
     * The facts for {@code key}, probed when none younger than the TTL are known.
     *
     * @param cacheRoot where the on-disk entries live (ignored by a cache that is not on disk)
     */
    EngineFacts get(String key, Path cacheRoot, Probe probe) throws InterruptedException {
        return get(key, cacheRoot, List.of(), probe);
    }

    /**
     * As {@link #get(String, Path, Probe)}; facts read from disk are used only when the docker client
     * they name is one of {@code candidates} (a file in the cache root never picks the program to run).
     */
    public EngineFacts get(String key, Path cacheRoot, List<String> candidates, Probe probe) throws InterruptedException {
        Entry e = entries.get(key);
        long now = System.nanoTime();
        if (e != null && now - e.nanos() < ttlNanos) {
            return e.facts();
        }
        EngineFacts known = onDisk ? read(file(cacheRoot, key)) : null;
        if (known != null && (candidates.isEmpty() || candidates.contains(known.docker()))) {
            return known;
        }
        EngineFacts facts = probe.run();
        if (ttlNanos > 0) {
            entries.put(key, new Entry(facts, now));
            if (onDisk) {
                write(file(cacheRoot, key), facts);
            }
        }
        return facts;
    }

    public void forget(String key, Path cacheRoot) {
        entries.remove(key);
        if (onDisk) {
            try {
                Files.deleteIfExists(file(cacheRoot, key));
            } catch (IOException ignored) {
                // it expires anyway
            }
        }
    }

    private static Path file(Path cacheRoot, String key) {
        return cacheRoot.resolve(FOLDER).resolve(key + ".facts");
    }

    /** The entry in {@code f} when it is younger than the TTL and whole; else null (probe again). */
    private EngineFacts read(Path f) {
        try {
            if (!Files.isRegularFile(f) || Files.getLastModifiedTime(f).toInstant().isBefore(Instant.now().minus(ttl))) {
                return null;
            }
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            if (lines.size() != 4 || !lines.get(3).equals("end")) {
                return null;
            }
            return new EngineFacts(lines.get(0), Backend.valueOf(lines.get(1)), lines.get(2).isEmpty() ? null : lines.get(2));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Written to a temporary file and renamed: a reader sees the old entry or the new one, never half. */
    private static void write(Path f, EngineFacts facts) {
        try {
            AtomicWrite.replace(f, facts.docker() + "\n" + facts.backend().name() + "\n"
                    + (facts.network() == null ? "" : facts.network()) + "\nend\n");
        } catch (IOException ignored) {
            // a cache root we cannot write to only means probing next time
        }
    }
}
