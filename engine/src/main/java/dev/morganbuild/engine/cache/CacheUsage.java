package dev.morganbuild.engine.cache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A cache root's usage, for {@code morgan cache du} and the Jenkins management page.
 *
 * @param root      the cache root
 * @param services  per service: size measured now, last use, owner
 * @param lastPrune when it was last pruned, or null
 * @param warnings  problems met while reading the ledger
 */
public record CacheUsage(String root, List<LedgerEntry> services, Instant lastPrune, List<String> warnings) {
    public CacheUsage {
        services = List.copyOf(services);
        warnings = List.copyOf(warnings);
    }

    public static CacheUsage of(CacheRoot root) {
        CacheLedger.Contents c = CacheLedger.read(root);
        List<LedgerEntry> measured = new ArrayList<>();
        for (LedgerEntry e : c.services().values()) {
            measured.add(new LedgerEntry(e.service(), DirectorySize.of(root.serviceDir(e.service())), e.lastUse(), e.owner()));
        }
        return new CacheUsage(root.root().toString(), measured, c.lastPrune(), c.warnings());
    }

    public long totalBytes() {
        return services.stream().mapToLong(LedgerEntry::sizeBytes).sum();
    }
}
