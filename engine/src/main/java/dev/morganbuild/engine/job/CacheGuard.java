package dev.morganbuild.engine.job;

import dev.morganbuild.engine.cache.CacheLedger;
import dev.morganbuild.engine.cache.CacheLock;
import dev.morganbuild.engine.cache.CachePruner;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.cache.PruneResult;
import dev.morganbuild.engine.plan.PlannedService;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Wraps a service build in the per-agent cache discipline: take the service's inter-process cache
 * lock, prune the cache root to its budget (never a cache another build holds), make sure the
 * service's cache directory exists, and afterwards note its size and last use in the ledger.
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
        try (CacheLock lock = CacheLock.acquire(root, p.name(), owner, LOCK_TIMEOUT,
                msg -> listener.message(p.name(), msg))) {
            if (budgetBytes != null) {
                PruneResult pruned = CachePruner.prune(root, budgetBytes, p.name());
                if (!pruned.removed().isEmpty()) {
                    listener.message(p.name(), "pruned caches " + pruned.removed() + " to stay within the budget");
                }
            }
            root.ensureServiceDir(p.name()).ifPresent(w -> listener.message(p.name(), w));
            try {
                return work.run();
            } finally {
                // a damaged ledger is rebuilt from the directories, and said so
                CacheLedger.touch(root, p.name(), owner, Instant.now()).forEach(w -> listener.message(p.name(), w));
            }
        }
    }
}
