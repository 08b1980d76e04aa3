package dev.morganbuild.engine.job;

import dev.morganbuild.engine.cache.CacheLedger;
import dev.morganbuild.engine.cache.CacheLock;
import dev.morganbuild.engine.cache.CachePruner;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.cache.DirectorySize;
import dev.morganbuild.engine.cache.PruneResult;
import dev.morganbuild.engine.plan.PlannedService;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Wraps a service build in the per-agent cache discipline: take the service's inter-process cache
 * lock, prune the cache root to its budget (never a cache another build holds), make sure the
 * service's cache directory exists, and note its last use and size in the ledger (while the build
 * runs; again after it if the build changed the directory's size).
 */
final class CacheGuard {
    static final Duration LOCK_TIMEOUT = Duration.ofHours(2);

    private final CacheRoot root;
    private final Long budgetBytes;
    private final String owner;
    private final BuildListener listener;

    CacheGuard(CacheRoot root, Long budgetBytes, String owner, BuildListener listener) {
        this.root = root;
        this.budgetBytes = budgetBytes;
        this.owner = owner;
        this.listener = listener;
    }

    interface Work<T> {
        T run() throws IOException, InterruptedException;
    }

    <T> T around(PlannedService p, Work<T> work) throws IOException, InterruptedException {
        long lockStart = System.nanoTime();
        try (CacheLock lock = CacheLock.acquire(root, p.name(), owner, LOCK_TIMEOUT,
                msg -> listener.message(p.name(), msg))) {
            if (budgetBytes != null) {
                PruneResult pruned = CachePruner.pruneIfOver(root, budgetBytes, p.name());
                if (!pruned.removed().isEmpty()) {
                    listener.message(p.name(), "pruned caches " + pruned.removed() + " to stay within the budget");
                }
            }
            root.ensureServiceDir(p.name()).ifPresent(w -> listener.message(p.name(), w));
            // The ledger notes the use when the build starts, while it runs: its fsynced rewrite costs
            // milliseconds, which a warm build of a tenth of a second would otherwise wait for.
            Instant start = Instant.now();
            long sizeBefore = DirectorySize.of(root.serviceDir(p.name()));
            Future<List<String>> touched = LEDGER.submit(() -> CacheLedger.touch(root, p.name(), owner, start));
            listener.phase(p.name(), "lock", System.nanoTime() - lockStart);
            try {
                return work.run();
            } finally {
                // a damaged ledger is rebuilt from the directories, and said so
                awaitUninterruptibly(touched).forEach(w -> listener.message(p.name(), w));
                if (DirectorySize.of(root.serviceDir(p.name())) != sizeBefore) {
                    // the build wrote to the cache directory (a buildx local cache export): note the new size
                    CacheLedger.touch(root, p.name(), owner, start).forEach(w -> listener.message(p.name(), w));
                }
            }
        }
    }

    /** The ledger note's outcome; an interrupted build still waits for it, so the lock is not released under it. */
    private static List<String> awaitUninterruptibly(Future<List<String>> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return List.of("cannot note the cache use in the ledger: " + e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final ExecutorService LEDGER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "morgan-cache-ledger");
        t.setDaemon(true);
        return t;
    });
}
