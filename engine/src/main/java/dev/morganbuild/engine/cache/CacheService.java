package dev.morganbuild.engine.cache;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.buildkit.DockerClients;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.history.HistoryStore;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The front door to a machine's caches, for {@code morgan cache} and the Jenkins caches page: reads
 * the cache root's folders and the engine's build cache (per type, per cache mount, per service, with
 * the budget, the disk and the forecast), and prunes either. Nothing a running build holds is ever
 * removed; every prune says what it reclaimed and what it had to keep.
 *
 * <pre>{@code
 * CacheRequest r = CacheRequest.builder().cacheRoot(dir).budget("20GiB").build();
 * CacheOverview now = CacheService.local().read(r);
 * EnginePruneResult pruned = CacheService.local().pruneEngineMount(r, "apt");
 * }</pre>
 */
public final class CacheService {
    /** The record types {@link #pruneEngineType} takes: layers, cache mounts and local sources first. */
    public static final List<String> RECORD_TYPES = EngineCachePrune.TYPES;

    private final CommandRunner runner;

    private CacheService(CommandRunner runner) {
        this.runner = runner;
    }

    /** Runs docker on this machine. */
    public static CacheService local() {
        return new CacheService(new LocalCommandRunner());
    }

    /** Runs docker through {@code runner}. */
    public static CacheService with(CommandRunner runner) {
        return new CacheService(runner);
    }

    /**
     * The cache root's folders and, unless the request says not to ask it, the engine's build cache
     * attributed with the history and the request's builds. An engine that does not answer (no docker,
     * a stopped daemon) is not an error: the overview says why.
     */
    public CacheOverview read(CacheRequest r) throws InterruptedException {
        CacheUsage folders = CacheUsage.of(r.root());
        if (!r.engine()) {
            return new CacheOverview(folders, null, null);
        }
        Long budget = r.budgetBytes() != null ? r.budgetBytes() : PruneSchedule.latestBudget(r.root().root());
        try {
            EngineCacheReader.Answer a = EngineCacheReader.read(runner, docker(r), r.env());
            EngineCacheUsage engine = EngineCacheUsage.of(a.records(), a.total(),
                    DiskSpace.of(a.dataRoot()).orElse(null), builds(r), budget);
            return new CacheOverview(folders, engine, null);
        } catch (MorganException e) {
            return new CacheOverview(folders, null, e.getMessage());
        }
    }

    /** Removes the cache root's least recently used service folders until they fit {@code budgetBytes}. */
    public PruneResult pruneFolders(CacheRequest r, long budgetBytes) throws InterruptedException {
        return CachePruner.prune(r.root(), budgetBytes, null);
    }

    /**
     * Removes the engine's unused records of one type ({@link #RECORD_TYPES}); with {@code all}, layers
     * shared with images too (that frees no disk while the images exist, but drops their cache).
     *
     * @throws MorganException for a type docker does not know, or an engine that fails
     */
    public EnginePruneResult pruneEngineType(CacheRequest r, String type, boolean all) throws InterruptedException {
        EngineCachePrune.checkType(type);
        String docker = docker(r);
        List<BuildCacheRecord> before = EngineCacheReader.read(runner, docker, r.env()).records();
        EngineCachePrune.Report report = EngineCachePrune.type(runner, docker, r.env(), type, all);
        return result(report, held(before, rec -> rec.type().equals(type)));
    }

    /**
     * Removes the records of the cache mounts whose id, target or kind is {@code mount}, as
     * {@link #read} lists them (so with the same history and builds).
     *
     * @throws MorganException for a mount the engine does not have
     */
    public EnginePruneResult pruneEngineMount(CacheRequest r, String mount) throws InterruptedException {
        String docker = docker(r);
        List<BuildCacheRecord> records = EngineCacheReader.read(runner, docker, r.env()).records();
        List<CacheMountUsage> mounts = MountAttribution.of(records, builds(r));
        Set<String> ids = EngineCachePrune.chosen(mounts, mount).stream()
                .flatMap(m -> m.recordIds().stream()).collect(Collectors.toSet());
        EngineCachePrune.Report report = EngineCachePrune.mount(runner, docker, r.env(), mounts, mount);
        return result(report, held(records, rec -> ids.contains(rec.id())));
    }

    /**
     * Removes the engine's least recently used records until its build cache fits {@code budgetBytes}
     * ({@code docker builder prune --keep-storage}), what every build does before it starts.
     */
    public EnginePruneResult pruneEngineToBudget(CacheRequest r, long budgetBytes) throws InterruptedException {
        String docker = docker(r);
        List<BuildCacheRecord> before = EngineCacheReader.read(runner, docker, r.env()).records();
        EngineCachePrune.Report report = EngineCachePrune.run(runner, r.env(),
                EnginePrune.argv(docker, Backend.BUILTIN, null, budgetBytes));
        return result(report, held(before, rec -> true));
    }

    private String docker(CacheRequest r) throws InterruptedException {
        return DockerClients.find(runner, r.docker(), r.env(), null);
    }

    /**
     * The builds that explain the engine's records: those in the history (the CLI's, on this machine)
     * and the request's (a Jenkins node's, whose history is on the controller), oldest first.
     */
    private static List<BuildWindow> builds(CacheRequest r) {
        List<BuildWindow> builds = new ArrayList<>(Files.isDirectory(r.historyDir())
                ? BuildWindows.recent(new HistoryStore(r.historyDir())) : List.of());
        if (!r.builds().isEmpty()) {
            builds.addAll(r.builds());
            builds.sort(Comparator.comparing(BuildWindow::start));
        }
        return builds;
    }

    private static List<String> held(List<BuildCacheRecord> records, Predicate<BuildCacheRecord> aimedAt) {
        return records.stream().filter(BuildCacheRecord::inUse).filter(aimedAt).map(BuildCacheRecord::id).toList();
    }

    /** A record held when read and released before the prune ran was deleted: it is not reported as kept. */
    private static EnginePruneResult result(EngineCachePrune.Report report, List<String> held) {
        return new EnginePruneResult(report.deleted(), report.reclaimedBytes(),
                held.stream().filter(id -> !report.deleted().contains(id)).toList());
    }
}
