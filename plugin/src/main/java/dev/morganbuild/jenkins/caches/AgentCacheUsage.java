package dev.morganbuild.jenkins.caches;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.BuildWindow;
import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.cache.CacheOverview;
import dev.morganbuild.engine.cache.CacheRequest;
import dev.morganbuild.engine.cache.CacheService;
import dev.morganbuild.engine.cache.EnginePruneResult;
import dev.morganbuild.engine.cache.PruneResult;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.jenkins.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.security.MasterToSlaveCallable;

/**
 * Runs on an agent: reports its cache root's folders and its Docker engine's build cache as JSON,
 * after a prune when asked (the cache root to a budget, or the engine's records of one type or one
 * cache mount), through the engine's {@link CacheService} as {@code morgan cache} does. The controller
 * sends the recent build windows of the node's Jenkins builds, so the engine's records are attributed
 * to services as the CLI's history attributes them. Only JDK types travel (JEP-200): strings in, one
 * JSON string out.
 */
final class AgentCacheUsage extends MasterToSlaveCallable<String, IOException> {
    private static final long serialVersionUID = 3L;

    /** What to prune before reporting. */
    enum Action { NONE, BUDGET, TYPE, MOUNT }

    private final String cacheRoot;
    private final String docker;
    private final String budget;
    private final String action;
    private final String value;
    private final String windows;

    /**
     * @param cacheRoot the node's cache root, or null for the engine's default
     * @param docker    the docker client, or null to find one
     * @param budget    the configured byte budget ({@code 20GiB}), or null
     * @param action    what to prune first ({@link Action} name)
     * @param value     the budget, record type or mount id to prune; null with {@link Action#NONE}
     * @param windows   the node's recent Jenkins builds as a JSON array of {@link BuildWindow}s, or null
     */
    AgentCacheUsage(String cacheRoot, String docker, String budget, Action action, String value, String windows) {
        this.cacheRoot = cacheRoot;
        this.docker = docker;
        this.budget = budget;
        this.action = action.name();
        this.value = value;
        this.windows = windows;
    }

    @Override
    public String call() throws IOException {
        List<BuildWindow> builds = windows == null ? List.of() : List.of(Json.mapper().readValue(windows, BuildWindow[].class));
        CacheService caches = CacheService.local();
        Map<String, Object> out = new LinkedHashMap<>();
        String where = cacheRoot != null ? cacheRoot : Messages.Caches_DefaultRoot();
        try {
            CacheRequest request = CacheRequest.builder().cacheRoot(cacheRoot != null ? Path.of(cacheRoot) : null)
                    .docker(docker).budget(budget).builds(builds).build();
            where = request.cacheRoot().toString();
            out.put("pruned", prune(caches, request));
            CacheOverview read = caches.read(request);
            out.put("cacheRoot", read.cacheRoot());
            if (read.engine() != null) {
                out.put("engine", read.engine());
            }
            if (read.engineError() != null) {
                out.put("engineError", read.engineError());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(Messages.Caches_ReadInterrupted(where), e);
        } catch (MorganException e) {
            throw new IOException(e.getMessage(), e);
        }
        return Json.mapper().writeValueAsString(out);
    }

    private String prune(CacheService caches, CacheRequest request) throws InterruptedException {
        switch (Action.valueOf(action)) {
            case BUDGET -> {
                PruneResult r = caches.pruneFolders(request, ByteSize.parse(value));
                String said = Messages.Caches_PrunedFolders(r.removed().isEmpty() ? Messages.Caches_PrunedNothing()
                        : String.join(", ", r.removed()), ByteSize.format(r.freedBytes()));
                return r.skippedInUse().isEmpty() ? said
                        : said + "; " + Messages.Caches_KeptFolders(String.join(", ", r.skippedInUse()));
            }
            case TYPE -> {
                EnginePruneResult r = caches.pruneEngineType(request, value, false);
                return withHeld(Messages.Caches_PrunedType(records(r.deleted().size()), value,
                        ByteSize.format(r.reclaimedBytes())), r);
            }
            case MOUNT -> {
                // the same builds as the page's reading, so a mount is found by the id the page shows
                EnginePruneResult r = caches.pruneEngineMount(request, value);
                return withHeld(Messages.Caches_PrunedMount(records(r.deleted().size()), value,
                        ByteSize.format(r.reclaimedBytes())), r);
            }
            default -> {
                return null;
            }
        }
    }

    /** What the CLI says too: the records a running build held, which BuildKit kept. */
    private static String withHeld(String said, EnginePruneResult r) {
        return r.skippedInUse().isEmpty() ? said : said + "; " + Messages.Caches_KeptRecords(records(r.skippedInUse().size()));
    }

    private static String records(int n) {
        return n == 1 ? Messages.Caches_OneRecord() : Messages.Caches_Records(String.valueOf(n));
    }
}
