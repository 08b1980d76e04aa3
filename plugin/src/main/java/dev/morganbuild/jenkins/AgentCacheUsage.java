package dev.morganbuild.jenkins;

import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.cache.CachePruner;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.cache.CacheUsage;
import dev.morganbuild.engine.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.security.MasterToSlaveCallable;

/**
 * Runs on an agent: reports its cache root's usage as JSON, pruning it first to a budget when asked.
 * Only JDK types travel (JEP-200).
 */
final class AgentCacheUsage extends MasterToSlaveCallable<String, IOException> {
    private static final long serialVersionUID = 1L;
    private final String cacheRoot;
    private final String pruneToBudget;

    AgentCacheUsage(String cacheRoot, String pruneToBudget) {
        this.cacheRoot = cacheRoot;
        this.pruneToBudget = pruneToBudget;
    }

    @Override
    public String call() throws IOException {
        CacheRoot root = new CacheRoot(cacheRoot != null ? Path.of(cacheRoot) : CacheRoot.defaultRoot(System.getenv()));
        if (pruneToBudget != null) {
            try {
                CachePruner.prune(root, ByteSize.parse(pruneToBudget), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while pruning " + root.root(), e);
            }
        }
        return Json.mapper().writeValueAsString(CacheUsage.of(root));
    }
}
