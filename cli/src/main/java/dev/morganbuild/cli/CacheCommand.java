package dev.morganbuild.cli;

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
import dev.morganbuild.engine.cache.PruneResult;
import dev.morganbuild.engine.cache.PruneSchedule;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.job.StackRequest;
import dev.morganbuild.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Show or prune this machine's morgan-build caches: the cache root's folders and the engine's build cache.",
        subcommands = {CacheCommand.Du.class, CacheCommand.Prune.class})
final class CacheCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("morgan cache: name a subcommand: du or prune (see morgan cache --help)");
        return MorganCli.USER_ERROR;
    }

    /** Options du and prune share. */
    static class Where {
        @Option(names = "--cache-root", paramLabel = "DIR", description = "Cache root (default: $MORGAN_CACHE_ROOT or ~/.cache/morgan-build).")
        Path cacheRoot;

        @Option(names = "--history", paramLabel = "DIR", description = "Build history, to attribute the engine's cache to services (default: <cache root>/history).")
        Path history;

        @Option(names = "--docker", paramLabel = "PATH", description = "Docker client (default: $MORGAN_DOCKER, else the first of docker, /usr/bin/docker that can run BuildKit builds).")
        String docker;

        CacheRoot root() {
            return CacheCommand.root(cacheRoot);
        }

        String docker(Map<String, String> env) throws InterruptedException {
            return BuildService.local().dockerClient(StackRequest.builder().env(env).docker(docker).build());
        }

        /** The engine's usage, attributed with the history. */
        EngineCacheUsage engine(Map<String, String> env, Long budget) throws InterruptedException {
            EngineCacheReader.Answer a = EngineCacheReader.read(new LocalCommandRunner(), docker(env), env);
            Path dir = history != null ? history.toAbsolutePath() : root().root().resolve("history");
            List<BuildWindow> builds = Files.isDirectory(dir) ? BuildWindows.recent(new HistoryStore(dir)) : List.of();
            return EngineCacheUsage.of(a.records(), a.total(), DiskSpace.of(a.dataRoot()).orElse(null), builds, budget);
        }
    }

    @Command(name = "du", mixinStandardHelpOptions = true,
            description = "Cache size per service folder, and the engine's build cache: per type, per cache mount, per service, budget, disk, forecast.")
    static final class Du implements Callable<Integer> {
        @Mixin
        Where where = new Where();

        @Option(names = "--budget", paramLabel = "SIZE", description = "Byte budget to compare with (default: the one the last build pruned the engine to).")
        String budget;

        @Option(names = "--json", description = "Print JSON instead of tables.")
        boolean json;

        @Option(names = "--no-engine", description = "Only the cache root's folders; do not ask the Docker engine.")
        boolean noEngine;

        @Override
        public Integer call() throws Exception {
            CacheRoot root = where.root();
            CacheUsage folders = CacheUsage.of(root);
            Long bytes = budget != null ? Long.valueOf(ByteSize.parse(budget)) : PruneSchedule.latestBudget(root.root());
            EngineCacheUsage engine = null;
            String engineError = null;
            if (!noEngine) {
                try {
                    engine = where.engine(env(), bytes);
                } catch (MorganException e) {
                    engineError = e.getMessage();
                }
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("cacheRoot", folders);
                out.put("engine", engine);
                out.put("engineError", engineError);
                System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
                return MorganCli.OK;
            }
            CacheDuPrinter p = new CacheDuPrinter(System.out);
            p.folders(folders);
            if (engine != null) {
                p.engine(engine);
            } else if (engineError != null) {
                System.out.println();
                System.out.println("engine build cache: not available: " + engineError.replace(System.lineSeparator(), " "));
            }
            return MorganCli.OK;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Remove caches. --budget: least recently used service folders until the total fits. "
                    + "--type/--mount: the engine's build-cache records of one type or one cache mount.",
                    "Caches and records a running build holds are never removed."})
    static final class Prune implements Callable<Integer> {
        @Mixin
        Where where = new Where();

        @Option(names = "--budget", paramLabel = "SIZE", description = "Prune the cache root's folders to this budget, e.g. 10GiB, 500MB, 0 to remove every unused one.")
        String budget;

        @Option(names = "--type", paramLabel = "TYPE", description = "Prune the engine's records of this type: regular (layers), exec.cachemount (cache mounts), source.local (contexts).")
        String type;

        @Option(names = "--mount", paramLabel = "ID", description = "Prune one cache mount: its id, target or kind as morgan cache du lists it (e.g. /var/cache/apt, apt, pip).")
        String mount;

        @Option(names = "--all", description = "With --type regular: also layers shared with images (frees no disk while the images exist, but drops their cache).")
        boolean all;

        @Override
        public Integer call() throws Exception {
            if (budget == null && type == null && mount == null) {
                throw MorganException.of("nothing to prune", "pass --budget SIZE (the cache root), --type TYPE or --mount ID (the engine)");
            }
            if (budget != null) {
                PruneResult r = CachePruner.prune(where.root(), ByteSize.parse(budget), null);
                System.out.println("removed: " + (r.removed().isEmpty() ? "nothing" : String.join(", ", r.removed())));
                System.out.println("freed: " + ByteSize.format(r.freedBytes()));
                if (!r.skippedInUse().isEmpty()) {
                    System.out.println("in use, kept: " + String.join(", ", r.skippedInUse()));
                }
            }
            if (type != null || mount != null) {
                Map<String, String> env = env();
                String docker = where.docker(env);
                var runner = new LocalCommandRunner();
                if (type != null) {
                    long held = EngineCacheReader.read(runner, docker, env).records().stream()
                            .filter(r -> r.type().equals(type) && r.inUse()).count();
                    report("type " + type, EngineCachePrune.type(runner, docker, env, type, all), held);
                }
                if (mount != null) {
                    EngineCacheUsage u = where.engine(env, null);
                    long held = u.mounts().stream().filter(m -> m.inUse() && (m.id().equals(mount)
                            || m.target().equals(mount) || m.kind().equals(mount))).count();
                    report("cache mount " + mount, EngineCachePrune.mount(runner, docker, env, u.mounts(), mount), held);
                }
            }
            return MorganCli.OK;
        }

        private static void report(String what, EngineCachePrune.Report r, long held) {
            System.out.println("engine " + what + ": removed " + r.deleted().size() + " records, reclaimed "
                    + ByteSize.format(r.reclaimedBytes()));
            if (held > 0) {
                System.out.println("in use, kept: " + held + " records a running build holds");
            }
        }
    }

    static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put("DOCKER_BUILDKIT", "1");
        return env;
    }

    static CacheRoot root(Path dir) {
        if (dir != null && dir.toString().isBlank()) {
            throw MorganException.of("empty --cache-root", "pass a folder");
        }
        return new CacheRoot(dir != null ? dir.toAbsolutePath() : CacheRoot.defaultRoot(System.getenv()));
    }
}
