package dev.morganbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.cache.BuildCacheRecord;
import dev.morganbuild.engine.cache.EngineCachePrune;
import dev.morganbuild.engine.cache.EngineCacheReader;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.job.StackRequest;
import dev.morganbuild.engine.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code morgan cache du} and {@code morgan cache prune --type} against the real engine after a build
 * of the example stack. Needs a Docker engine with BuildKit (scripts/test.sh starts one); fails
 * without one.
 */
class CacheDuIT {
    @Test
    void shouldShowWhereTheBytesAreAfterABuildAndPruneOnlyTheTypeAsked(@TempDir Path dir) throws Exception {
        Path stack = MorganCliIT.copyExample(dir.resolve("stack"));
        String cache = dir.resolve("cache").toString();
        CliRun build = CliRun.of("build", "--all", "-q", "-f", stack.resolve("docker-compose.yml").toString(),
                "--cache-root", cache);
        assertThat(build.exitCode()).as(build.out() + build.err()).isZero();

        JsonNode engine = du(cache);
        assertThat(size(engine, "regular")).as("layers").isPositive();
        // the example's own mounts: the ones all four services' steps use (other builds on this engine may add more)
        Map<String, Long> byKind = new java.util.HashMap<>();
        String pipMount = null;
        for (JsonNode m : engine.path("mounts")) {
            String services = m.path("services").toString();
            if (services.contains("\"core\"") && services.contains("\"llm\"") && services.contains("\"stt\"")
                    && services.contains("\"tts\"")) {
                byKind.merge(m.path("kind").asText(), m.path("sizeBytes").asLong(), Long::sum);
                if (m.path("kind").asText().equals("pip")) {
                    pipMount = m.path("id").asText();
                }
            }
        }
        assertThat(byKind.getOrDefault("apt", 0L)).as("apt mounts " + byKind).isPositive();
        // every service's pip step keeps the wheel it builds from the shared package's sdist
        assertThat(byKind.getOrDefault("pip", 0L)).as("pip mount " + byKind).isPositive();
        assertThat(pipMount).isNotNull();
        long counted = 0;
        for (JsonNode t : engine.path("types")) {
            counted += t.path("countedBytes").asLong();
        }
        long docker = engine.path("dockerTotal").path("sizeBytes").asLong();
        assertThat(engine.path("dockerTotal").path("type").asText()).isEqualTo("Build Cache");
        // docker prints three significant digits, per record and in its total
        assertThat(Math.abs(counted - docker)).as("sum %d vs docker system df %d", counted, docker)
                .isLessThanOrEqualTo(Math.max(1000, docker / 200));
        assertThat(engine.path("layers").path("services").toString()).contains("\"core\"", "\"llm\"", "\"stt\"", "\"tts\"");

        assertThat(records(engine, "source.local")).isPositive();
        // by record id: other builds on the same engine may add records meanwhile, never bring these back
        Map<String, Set<String>> before = recordIds();
        CliRun prune = CliRun.of("cache", "prune", "--type", "source.local", "--cache-root", cache);
        assertThat(prune.exitCode()).as(prune.out() + prune.err()).isZero();
        assertThat(prune.out()).containsPattern("engine type source.local: removed [1-9][0-9]* records, reclaimed");

        Map<String, Set<String>> after = recordIds();
        assertThat(before.get(BuildCacheRecord.LOCAL_SOURCE)).isNotEmpty();
        assertThat(after.get(BuildCacheRecord.LOCAL_SOURCE)).as("local sources pruned")
                .doesNotContainAnyElementsOf(before.get(BuildCacheRecord.LOCAL_SOURCE));
        assertThat(after.get(BuildCacheRecord.LAYER)).as("layers kept").containsAll(before.get(BuildCacheRecord.LAYER));
        assertThat(after.get(BuildCacheRecord.CACHE_MOUNT)).as("cache mounts kept")
                .containsAll(before.get(BuildCacheRecord.CACHE_MOUNT));

        // one cache mount by its id: that mount goes, the layers and the other mounts stay
        Set<String> mountRecords = mountRecordIds(du(cache), pipMount);
        assertThat(mountRecords).isNotEmpty();
        CliRun pruneMount = CliRun.of("cache", "prune", "--mount", pipMount, "--cache-root", cache);
        assertThat(pruneMount.exitCode()).as(pruneMount.out() + pruneMount.err()).isZero();
        assertThat(pruneMount.out()).containsPattern("engine cache mount " + java.util.regex.Pattern.quote(pipMount)
                + ": removed [1-9][0-9]* records, reclaimed [1-9]");
        Map<String, Set<String>> afterMount = recordIds();
        assertThat(afterMount.get(BuildCacheRecord.CACHE_MOUNT)).as("the pip mount pruned")
                .doesNotContainAnyElementsOf(mountRecords);
        Set<String> otherMounts = new java.util.HashSet<>(after.get(BuildCacheRecord.CACHE_MOUNT));
        otherMounts.removeAll(mountRecords);
        assertThat(otherMounts).as("the apt mounts").isNotEmpty();
        assertThat(afterMount.get(BuildCacheRecord.CACHE_MOUNT)).as("other mounts kept").containsAll(otherMounts);
        assertThat(afterMount.get(BuildCacheRecord.LAYER)).as("layers kept").containsAll(after.get(BuildCacheRecord.LAYER));
    }

    /** The build-cache record ids of the cache mount {@code id} as {@code cache du --json} lists them. */
    private static Set<String> mountRecordIds(JsonNode engine, String id) {
        Set<String> out = new java.util.HashSet<>();
        for (JsonNode m : engine.path("mounts")) {
            if (m.path("id").asText().equals(id)) {
                m.path("recordIds").forEach(r -> out.add(r.asText()));
            }
        }
        return out;
    }

    /** The engine's build-cache record ids by type, as {@code docker system df -v} lists them. */
    private static Map<String, Set<String>> recordIds() throws Exception {
        Map<String, String> env = CacheCommand.env();
        String docker = BuildService.local().dockerClient(StackRequest.builder().env(env).build());
        Map<String, Set<String>> out = new java.util.HashMap<>();
        for (String type : List.of(BuildCacheRecord.LAYER, BuildCacheRecord.LOCAL_SOURCE, BuildCacheRecord.CACHE_MOUNT)) {
            out.put(type, new java.util.HashSet<>());
        }
        for (BuildCacheRecord r : EngineCacheReader.read(new LocalCommandRunner(), docker, env).records()) {
            out.computeIfAbsent(r.type(), t -> new java.util.HashSet<>()).add(r.id());
        }
        return out;
    }

    @Test
    void shouldNeverPruneACacheMountARunningBuildHolds(@TempDir Path dir) throws Exception {
        Path stack = MorganCliIT.copyExample(dir.resolve("stack"));
        String cache = dir.resolve("cache").toString();
        Map<String, String> env = CacheCommand.env();
        String docker = BuildService.local().dockerClient(StackRequest.builder().env(env).build());
        LocalCommandRunner runner = new LocalCommandRunner();
        CompletableFuture<CliRun> build = CompletableFuture.supplyAsync(() -> CliRun.of("build", "core", "-q", "-f",
                stack.resolve("docker-compose.yml").toString(), "--cache-root", cache));
        Set<String> held = Set.of();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (held.isEmpty() && !build.isDone() && System.nanoTime() < until) {
            held = EngineCacheReader.read(runner, docker, env).records().stream()
                    .filter(r -> r.type().equals(BuildCacheRecord.CACHE_MOUNT) && r.inUse())
                    .map(BuildCacheRecord::id).collect(Collectors.toSet());
            Thread.sleep(200);
        }
        assertThat(held).as("a cache mount in use while core's apt step runs").isNotEmpty();

        EngineCachePrune.Report pruned = EngineCachePrune.type(runner, docker, env, BuildCacheRecord.CACHE_MOUNT, false);

        assertThat(pruned.deleted()).doesNotContainAnyElementsOf(held);
        Set<String> after = EngineCacheReader.read(runner, docker, env).records().stream()
                .map(BuildCacheRecord::id).collect(Collectors.toSet());
        assertThat(after).containsAll(held);
        CliRun done = build.get(10, TimeUnit.MINUTES);
        assertThat(done.exitCode()).as(done.out() + done.err()).isZero();
    }

    private static JsonNode du(String cache) throws Exception {
        CliRun du = CliRun.of("cache", "du", "--json", "--cache-root", cache);
        assertThat(du.exitCode()).as(du.out() + du.err()).isZero();
        JsonNode root = Json.mapper().readTree(du.out());
        assertThat(root.path("engineError").isNull()).as(root.path("engineError").asText()).isTrue();
        return root.path("engine");
    }

    private static long size(JsonNode engine, String type) {
        for (JsonNode t : engine.path("types")) {
            if (t.path("type").asText().equals(type)) {
                return t.path("sizeBytes").asLong();
            }
        }
        return 0;
    }

    private static int records(JsonNode engine, String type) {
        for (JsonNode t : engine.path("types")) {
            if (t.path("type").asText().equals(type)) {
                return t.path("records").asInt();
            }
        }
        return 0;
    }
}
