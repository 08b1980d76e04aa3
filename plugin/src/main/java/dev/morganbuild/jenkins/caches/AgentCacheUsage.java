package dev.morganbuild.jenkins.caches;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.BuildWindow;
import dev.morganbuild.engine.cache.BuildWindows;
import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.cache.CachePruner;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.cache.CacheUsage;
import dev.morganbuild.engine.cache.DiskSpace;
import dev.morganbuild.engine.cache.EngineCachePrune;
import dev.morganbuild.engine.cache.EngineCacheReader;
import dev.morganbuild.engine.cache.EngineCacheUsage;
import dev.morganbuild.engine.cache.PruneSchedule;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.job.StackRequest;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.jenkins.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.security.MasterToSlaveCallable;

/**
 * Runs on an agent: reports its cache root's folders and its Docker engine's build cache as JSON,
 * after a prune when asked (the cache root to a budget, or the engine's records of one type or one
 * cache mount). The controller sends the recent build windows of the node's Jenkins builds, so the
 * engine's records are attributed to services as the CLI's history attributes them. Only JDK types
 * travel (JEP-200): strings in, one JSON string out.
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
        CacheRoot root = new CacheRoot(cacheRoot != null ? Path.of(cacheRoot) : CacheRoot.defaultRoot(System.getenv()));
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put("DOCKER_BUILDKIT", "1");
        LocalCommandRunner runner = new LocalCommandRunner();
        Map<String, Object> out = new LinkedHashMap<>();
        List<BuildWindow> builds = builds(root);
        try {
            String pruned = prune(root, env, runner, builds);
            out.put("pruned", pruned);
            out.put("cacheRoot", CacheUsage.of(root));
            Long bytes = budget != null && !budget.isBlank() ? Long.valueOf(ByteSize.parse(budget))
                    : PruneSchedule.latestBudget(root.root());
            try {
                out.put("engine", engine(env, runner, builds, bytes));
            } catch (MorganException e) {
                out.put("engineError", e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(Messages.Caches_ReadInterrupted(root.root()), e);
        } catch (MorganException e) {
            throw new IOException(e.getMessage(), e);
        }
        return Json.mapper().writeValueAsString(out);
    }

    private String prune(CacheRoot root, Map<String, String> env, LocalCommandRunner runner, List<BuildWindow> builds)
            throws InterruptedException {
        switch (Action.valueOf(action)) {
            case BUDGET -> {
                var r = CachePruner.prune(root, ByteSize.parse(value), null);
                return Messages.Caches_PrunedFolders(r.removed().isEmpty() ? Messages.Caches_PrunedNothing()
                        : String.join(", ", r.removed()), ByteSize.format(r.freedBytes()));
            }
            case TYPE -> {
                var r = EngineCachePrune.type(runner, docker(env), env, value, false);
                return Messages.Caches_PrunedType(records(r.deleted().size()), value, ByteSize.format(r.reclaimedBytes()));
            }
            case MOUNT -> {
                EngineCacheReader.Answer a = EngineCacheReader.read(runner, docker(env), env);
                // the same builds as the page's reading, so a mount is found by the id the page shows
                var mounts = EngineCacheUsage.of(a.records(), a.total(), null, builds, null).mounts();
                var r = EngineCachePrune.mount(runner, docker(env), env, mounts, value);
                return Messages.Caches_PrunedMount(records(r.deleted().size()), value, ByteSize.format(r.reclaimedBytes()));
            }
            default -> {
                return null;
            }
        }
    }

    private EngineCacheUsage engine(Map<String, String> env, LocalCommandRunner runner, List<BuildWindow> builds,
                                    Long budgetBytes) throws InterruptedException {
        EngineCacheReader.Answer a = EngineCacheReader.read(runner, docker(env), env);
        return EngineCacheUsage.of(a.records(), a.total(), DiskSpace.of(a.dataRoot()).orElse(null), builds, budgetBytes);
    }

    /**
     * The builds that explain the engine's records: those the CLI ran on this machine (their history is
     * in the cache root) and the node's Jenkins builds, whose history is on the controller, which sent them.
     */
    private List<BuildWindow> builds(CacheRoot root) throws IOException {
        Path history = root.root().resolve("history");
        List<BuildWindow> builds = new ArrayList<>(Files.isDirectory(history) ? BuildWindows.recent(new HistoryStore(history)) : List.of());
        if (windows != null) {
            builds.addAll(List.of(Json.mapper().readValue(windows, BuildWindow[].class)));
            builds.sort(Comparator.comparing(BuildWindow::start));
        }
        return builds;
    }

    private static String records(int n) {
        return n == 1 ? Messages.Caches_OneRecord() : Messages.Caches_Records(String.valueOf(n));
    }

    private String docker(Map<String, String> env) throws InterruptedException {
        return BuildService.local().dockerClient(StackRequest.builder().env(env)
                .docker(docker == null || docker.isBlank() ? null : docker).build());
    }
}
