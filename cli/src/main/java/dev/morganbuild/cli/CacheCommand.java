package dev.morganbuild.cli;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.cache.CachePruner;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.cache.CacheUsage;
import dev.morganbuild.engine.cache.PruneResult;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Show or prune this machine's morgan-build caches.",
        subcommands = {CacheCommand.Du.class, CacheCommand.Prune.class})
final class CacheCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("morgan cache: name a subcommand: du or prune (see morgan cache --help)");
        return MorganCli.USER_ERROR;
    }

    @Command(name = "du", mixinStandardHelpOptions = true, description = "Cache size per service, last use, owner, last prune.")
    static final class Du implements Callable<Integer> {
        @Option(names = "--cache-root", paramLabel = "DIR", description = "Cache root (default: $MORGAN_CACHE_ROOT or ~/.cache/morgan-build).")
        java.nio.file.Path cacheRoot;

        @Override
        public Integer call() throws Exception {
            CacheRoot root = root(cacheRoot);
            CacheUsage usage = CacheUsage.of(root);
            System.out.println("cache root: " + root.root());
            System.out.printf(Locale.ROOT, "%-20s %10s  %-24s %s%n", "SERVICE", "SIZE", "LAST USE", "OWNER");
            for (var e : usage.services()) {
                System.out.printf(Locale.ROOT, "%-20s %10s  %-24s %s%n", e.service(), ByteSize.format(e.sizeBytes()),
                        e.lastUse() == null ? "-" : e.lastUse().toString(), e.owner() == null ? "-" : e.owner());
            }
            System.out.printf(Locale.ROOT, "%-20s %10s%n", "(total)", ByteSize.format(usage.totalBytes()));
            System.out.println("last prune: " + (usage.lastPrune() == null ? "never" : usage.lastPrune()));
            usage.warnings().forEach(w -> System.out.println("warning: " + w));
            return MorganCli.OK;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove least recently used service caches until the total fits the budget; caches in use are never removed.")
    static final class Prune implements Callable<Integer> {
        @Option(names = "--cache-root", paramLabel = "DIR", description = "Cache root (default: $MORGAN_CACHE_ROOT or ~/.cache/morgan-build).")
        java.nio.file.Path cacheRoot;

        @Option(names = "--budget", paramLabel = "SIZE", required = true, description = "Byte budget, e.g. 10GiB, 500MB, 0 to remove every unused cache.")
        String budget;

        @Override
        public Integer call() throws Exception {
            CacheRoot root = root(cacheRoot);
            PruneResult r = CachePruner.prune(root, ByteSize.parse(budget), null);
            System.out.println("removed: " + (r.removed().isEmpty() ? "nothing" : String.join(", ", r.removed())));
            System.out.println("freed: " + ByteSize.format(r.freedBytes()));
            if (!r.skippedInUse().isEmpty()) {
                System.out.println("in use, kept: " + String.join(", ", r.skippedInUse()));
            }
            return MorganCli.OK;
        }
    }

    static CacheRoot root(java.nio.file.Path dir) {
        if (dir != null && dir.toString().isBlank()) {
            throw MorganException.of("empty --cache-root", "pass a folder");
        }
        return new CacheRoot(dir != null ? dir.toAbsolutePath() : CacheRoot.defaultRoot(System.getenv()));
    }
}
