package dev.morganbuild.cli;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.cache.CacheOverview;
import dev.morganbuild.engine.cache.CacheRequest;
import dev.morganbuild.engine.cache.CacheService;
import dev.morganbuild.engine.cache.CacheUsage;
import dev.morganbuild.engine.cache.EngineCacheUsage;
import dev.morganbuild.engine.cache.EnginePruneResult;
import dev.morganbuild.engine.cache.PruneResult;
import dev.morganbuild.engine.json.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

        /** The request these options name, to complete. */
        CacheRequest.Builder request() {
            return CacheRequest.builder().env(env()).cacheRoot(root(cacheRoot)).history(history).docker(docker);
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
            CacheOverview read = CacheService.local().read(where.request().budget(budget).engine(!noEngine).build());
            CacheUsage folders = read.cacheRoot();
            EngineCacheUsage engine = read.engine();
            String engineError = read.engineError();
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
                PruneResult r = CacheService.local().pruneFolders(where.request().build(), ByteSize.parse(budget));
                System.out.println("removed: " + (r.removed().isEmpty() ? "nothing" : String.join(", ", r.removed())));
                System.out.println("freed: " + ByteSize.format(r.freedBytes()));
                if (!r.skippedInUse().isEmpty()) {
                    System.out.println("in use, kept: " + String.join(", ", r.skippedInUse()));
                }
            }
            CacheRequest request = where.request().build();
            if (type != null) {
                report("type " + type, CacheService.local().pruneEngineType(request, type, all));
            }
            if (mount != null) {
                report("cache mount " + mount, CacheService.local().pruneEngineMount(request, mount));
            }
            return MorganCli.OK;
        }

        private static void report(String what, EnginePruneResult r) {
            System.out.println("engine " + what + ": removed " + r.deleted().size() + " records, reclaimed "
                    + ByteSize.format(r.reclaimedBytes()));
            if (!r.skippedInUse().isEmpty()) {
                System.out.println("in use, kept: " + r.skippedInUse().size() + " records a running build holds");
            }
        }
    }

    static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put("DOCKER_BUILDKIT", "1");
        return env;
    }

    /** The --cache-root folder, or null for the default. */
    static Path root(Path dir) {
        if (dir != null && dir.toString().isBlank()) {
            throw MorganException.of("empty --cache-root", "pass a folder");
        }
        return dir != null ? dir.toAbsolutePath() : null;
    }
}
