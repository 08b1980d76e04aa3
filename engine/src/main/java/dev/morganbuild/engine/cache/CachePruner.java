package dev.morganbuild.engine.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps a cache root within its byte budget: removes service caches, least recently used first,
 * until the total fits. A cache that a build holds (its lock is taken) is never removed, nor the one
 * about to be built.
 */
public final class CachePruner {
    private CachePruner() {
    }

    /**
     * @param exceptService the service about to build (kept), or null
     */
    /**
     * What a build does before it starts: {@link #prune} only when the sizes the ledger notes add up to
     * more than the budget. Every build notes its cache directory's size there when the build changed
     * it, so a build need not walk every service's directory to learn that the root is within budget.
     */
    public static PruneResult pruneIfOver(CacheRoot root, long budgetBytes, String exceptService)
            throws InterruptedException {
        CacheLedger.Contents ledger = CacheLedger.read(root);
        long noted = ledger.services().values().stream().mapToLong(LedgerEntry::sizeBytes).sum();
        if (ledger.warnings().isEmpty() && noted <= budgetBytes) {
            return new PruneResult(List.of(), List.of(), 0, noted);
        }
        return prune(root, budgetBytes, exceptService);
    }

    static PruneResult prune(CacheRoot root, long budgetBytes, String exceptService) throws InterruptedException {
        root.refuseLinkedServicesDir();
        String me = "prune by pid " + ProcessHandle.current().pid();
        try (CacheLock rootLock = CacheLock.acquireRoot(root, me)) {
            CacheLedger.Contents ledger = CacheLedger.read(root);
            Map<String, LedgerEntry> entries = new TreeMap<>();
            ledger.services().values().forEach(e -> entries.put(e.service(), new LedgerEntry(e.service(),
                    DirectorySize.of(root.serviceDir(e.service())), e.lastUse(), e.owner())));
            long total = entries.values().stream().mapToLong(LedgerEntry::sizeBytes).sum();
            List<String> removed = new ArrayList<>();
            List<String> inUse = new ArrayList<>();
            long freed = 0;
            List<LedgerEntry> oldestFirst = entries.values().stream()
                    .sorted(Comparator.comparing((LedgerEntry e) -> e.lastUse() == null ? Instant.EPOCH : e.lastUse()))
                    .toList();
            for (LedgerEntry e : oldestFirst) {
                if (total <= budgetBytes) {
                    break;
                }
                if (e.service().equals(exceptService)) {
                    continue;
                }
                Optional<CacheLock> lock = CacheLock.tryAcquire(root, e.service(), me);
                if (lock.isEmpty()) {
                    inUse.add(e.service());
                    continue;
                }
                try (CacheLock held = lock.get()) {
                    long size = e.sizeBytes();
                    DirectorySize.delete(root.serviceDir(e.service()));
                    entries.remove(e.service());
                    total -= e.sizeBytes();
                    freed += size;
                    removed.add(e.service());
                } catch (IOException ex) {
                    throw new UncheckedIOException("cannot remove cache of " + e.service(), ex);
                }
            }
            if (!removed.isEmpty()) {
                // within budget, nothing changes: no rewrite of the ledger on every build
                CacheLedger.write(root, new CacheLedger.Contents(entries, Instant.now(), List.of()));
            }
            return new PruneResult(removed, inUse, freed, Math.max(0, total));
        }
    }
}
