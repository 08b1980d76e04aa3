package dev.morganbuild.cli;

import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.cache.CacheForecast;
import dev.morganbuild.engine.cache.CacheMountUsage;
import dev.morganbuild.engine.cache.CacheUsage;
import dev.morganbuild.engine.cache.EngineCacheUsage;
import dev.morganbuild.engine.cache.LayerAttribution;
import dev.morganbuild.engine.cache.TypeUsage;
import java.io.PrintStream;
import java.util.Locale;

/** Prints {@code morgan cache du}: the cache root's folders, then the engine's build cache. */
final class CacheDuPrinter {
    private final PrintStream out;

    CacheDuPrinter(PrintStream out) {
        this.out = out;
    }

    void folders(CacheUsage usage) {
        out.println("cache root: " + usage.root());
        out.printf(Locale.ROOT, "%-20s %10s  %-24s %s%n", "SERVICE", "SIZE", "LAST USE", "OWNER");
        for (var e : usage.services()) {
            out.printf(Locale.ROOT, "%-20s %10s  %-24s %s%n", e.service(), ByteSize.format(e.sizeBytes()),
                    e.lastUse() == null ? "-" : e.lastUse().toString(), e.owner() == null ? "-" : e.owner());
        }
        out.printf(Locale.ROOT, "%-20s %10s%n", "(total)", ByteSize.format(usage.totalBytes()));
        out.println("last prune: " + (usage.lastPrune() == null ? "never" : usage.lastPrune()));
        usage.warnings().forEach(w -> out.println("warning: " + w));
    }

    void engine(EngineCacheUsage u) {
        out.println();
        out.println("engine build cache: " + ByteSize.format(u.countedBytes()) + ", reclaimable "
                + ByteSize.format(u.reclaimableBytes())
                + (u.dockerTotal() == null ? "" : " (docker system df: " + ByteSize.formatDecimal(u.dockerTotal().sizeBytes())
                + " in " + u.dockerTotal().count() + " records)"));
        out.printf(Locale.ROOT, "%-16s %8s %11s %12s %12s%n", "TYPE", "RECORDS", "SIZE", "BUILD CACHE", "RECLAIMABLE");
        for (TypeUsage t : u.types()) {
            out.printf(Locale.ROOT, "%-16s %8d %11s %12s %12s%n", t.label(), t.records(), ByteSize.format(t.sizeBytes()),
                    ByteSize.format(t.countedBytes()), ByteSize.format(t.reclaimableBytes()));
        }
        if (u.sharedBytes() > 0) {
            out.println("shared with images (docker counts them under Images): " + ByteSize.format(u.sharedBytes()));
        }
        out.println("budget: " + (u.budgetBytes() == null ? "none (pass --budget)" : ByteSize.format(u.budgetBytes())
                + String.format(Locale.ROOT, ", %.0f%% used", 100 * u.budgetShare())));
        out.println("disk: " + (u.disk() == null ? "unknown (the engine's data root is not visible from here)"
                : ByteSize.format(u.disk().freeBytes()) + " free of " + ByteSize.format(u.disk().totalBytes())
                + " at " + u.disk().path()));
        if (!u.mounts().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%-28s %-8s %11s %-7s %s%n", "CACHE MOUNT", "KIND", "SIZE", "IN USE", "SERVICES");
            for (CacheMountUsage m : u.mounts()) {
                out.printf(Locale.ROOT, "%-28s %-8s %11s %-7s %s%n", m.id(), m.kind(), ByteSize.format(m.sizeBytes()),
                        m.inUse() ? "yes" : "no", m.services().isEmpty() ? "unknown" : String.join(", ", m.services()));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%-20s %8s %11s %18s%n", "LAYERS BY SERVICE", "RECORDS", "SIZE", "ONLY THIS SERVICE");
        for (LayerAttribution.ServiceLayers s : u.layers().services()) {
            out.printf(Locale.ROOT, "%-20s %8d %11s %18s%n", s.service(), s.records(), ByteSize.format(s.sizeBytes()),
                    ByteSize.format(s.onlyThisServiceBytes()));
        }
        out.printf(Locale.ROOT, "%-20s %8d %11s%n", "(unknown)", u.layers().unattributedRecords(),
                ByteSize.format(u.layers().unattributedBytes()));
        CacheForecast f = u.forecast();
        out.println();
        out.println("forecast: " + (f == null ? "not enough builds in the history yet" : f.sentence()));
        if (f != null && f.diskFullSoon()) {
            out.println("warning: the engine's disk is forecast to be full in " + f.buildsUntilDiskFull()
                    + " builds at this rate; prune (morgan cache prune --type ...) or lower the budget");
        }
        u.notes().forEach(n -> out.println("note: " + n));
    }
}
