package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.exec.LineSink;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caches' front door over a real cache root and history (files in a temp folder) and a docker that
 * answers with what the real engine printed after and during a build of the example stack.
 */
class CacheServiceTest {
    private static final String VERSION = "{\"Client\":{\"Version\":\"20.10.24+dfsg1\"},\"Server\":{\"Version\":\"20.10.24+dfsg1\"}}";

    @TempDir
    Path dir;

    /** A docker 20.10 whose engine holds the build cache of {@code moment} ("after" or "during" a build). */
    private final class Docker implements CommandRunner {
        final String moment;
        final List<String> pruneAnswer;
        final List<List<String>> prunes = new ArrayList<>();
        final List<List<String>> all = new ArrayList<>();

        Docker(String moment, List<String> pruneAnswer) {
            this.moment = moment;
            this.pruneAnswer = pruneAnswer;
        }

        @Override
        public synchronized int run(Command command, LineSink sink) throws IOException {
            List<String> argv = command.argv();
            all.add(argv);
            switch (argv.get(1)) {
                case "version" -> sink.line(VERSION);
                case "buildx" -> sink.line("github.com/docker/buildx v0.17.1");
                case "info" -> sink.line(Json.mapper().writeValueAsString(dir.toString()));
                case "system" -> golden(argv.contains("-v") ? "df-v-lines-" + moment + "-build.jsonl"
                        : "df-totals-" + moment + "-build.jsonl", sink);
                case "builder" -> {
                    prunes.add(argv);
                    pruneAnswer.forEach(sink::line);
                }
                default -> throw new AssertionError("unexpected " + argv);
            }
            return 0;
        }

        private void golden(String name, LineSink sink) throws IOException {
            try (BufferedReader r = new BufferedReader(SystemDfParserTest.golden(name))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sink.line(line);
                }
            }
        }
    }

    private CacheRequest.Builder request() {
        return CacheRequest.builder().cacheRoot(dir.resolve("cache")).env(Map.of("DOCKER_HOST", "unix:///run/docker.sock"));
    }

    /** The example stack's build, as the CLI's history in the cache root keeps it. */
    private void history() throws IOException {
        HistoryStore store = new HistoryStore(dir.resolve("cache/history"));
        try (BufferedReader r = new BufferedReader(SystemDfParserTest.golden("history-after-build.jsonl"))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                store.append(Json.mapper().readValue(line, BuildRecord.class));
            }
        }
    }

    private void folder(String service, int bytes, Instant lastUse) throws Exception {
        CacheRoot root = new CacheRoot(dir.resolve("cache"));
        root.ensureServiceDir(service);
        Files.write(root.serviceDir(service).resolve("blob"), new byte[bytes]);
        CacheLedger.touch(root, service, "test", lastUse);
    }

    @Test
    void shouldReadTheFoldersAndTheEnginesCacheAttributedWithTheHistoryAgainstTheBudgetAndTheDisk() throws Exception {
        folder("core", 3000, Instant.parse("2026-12-02T21:00:00Z"));
        history();

        CacheOverview read = CacheService.with(new Docker("after", List.of())).read(request().budget("4GiB").build());

        assertThat(read.cacheRoot().services()).extracting(LedgerEntry::service, LedgerEntry::sizeBytes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("core", 3000L));
        assertThat(read.engineError()).isNull();
        EngineCacheUsage engine = read.engine();
        assertThat(engine.budgetBytes()).isEqualTo(4L << 30);
        assertThat(engine.mounts().get(0).services()).containsExactly("core", "llm", "stt", "tts");
        assertThat(engine.layers().services()).extracting(LayerAttribution.ServiceLayers::service)
                .containsExactly("core", "llm", "stt", "tts");
        assertThat(engine.dockerTotal()).isEqualTo(EngineCacheUsageTest.dockerTotal());
        assertThat(engine.disk()).as("the data root docker info named, measured here").isNotNull();
        assertThat(engine.disk().path()).isEqualTo(dir.toString());
    }

    @Test
    void shouldAttributeWithTheBuildsTheRequestBringsWhenTheHistoryIsElsewhere() throws Exception {
        CacheRequest r = request().builds(EngineCacheUsageTest.history()).build();

        EngineCacheUsage engine = CacheService.with(new Docker("after", List.of())).read(r).engine();

        assertThat(engine.mounts().get(0).services()).containsExactly("core", "llm", "stt", "tts");
        assertThat(engine.notes()).noneMatch(n -> n.contains("no builds in the history"));
    }

    @Test
    void shouldReadOnlyTheFoldersWithoutAskingDockerWhenTheEngineIsLeftOut() throws Exception {
        folder("tts", 10, Instant.EPOCH);
        Docker docker = new Docker("after", List.of());

        CacheOverview read = CacheService.with(docker).read(request().engine(false).build());

        assertThat(read.cacheRoot().services()).extracting(LedgerEntry::service).containsExactly("tts");
        assertThat(read.engine()).isNull();
        assertThat(read.engineError()).isNull();
        assertThat(docker.all).isEmpty();
    }

    @Test
    void shouldSayWhyTheEngineDidNotAnswerAndStillShowTheFolders() throws Exception {
        folder("core", 10, Instant.EPOCH);
        CommandRunner stopped = (command, sink) -> {
            if (command.argv().get(1).equals("version")) {
                sink.line("{\"Client\":{\"Version\":\"20.10.24+dfsg1\"},\"Server\":null}");
                sink.line("Cannot connect to the Docker daemon at unix:///run/docker.sock. Is the docker daemon running?");
                return 1;
            }
            return 0;
        };

        CacheOverview read = CacheService.with(stopped).read(request().build());

        assertThat(read.engine()).isNull();
        assertThat(read.engineError()).contains("cannot reach the Docker engine").contains("Cannot connect to the Docker daemon");
        assertThat(read.cacheRoot().services()).hasSize(1);
    }

    @Test
    void shouldRefuseABudgetThatIsNotASize() {
        assertThatThrownBy(() -> request().budget("lots").build()).isInstanceOf(MorganException.class)
                .hasMessageContaining("lots");
    }

    @Test
    void shouldPruneTheFoldersToTheBudgetAndKeepTheOneABuildHolds() throws Exception {
        folder("core", 1000, Instant.EPOCH);
        folder("llm", 1000, Instant.EPOCH.plusSeconds(1));
        folder("tts", 1000, Instant.EPOCH.plusSeconds(2));
        CacheRoot root = new CacheRoot(dir.resolve("cache"));

        PruneResult r;
        try (CacheLock held = CacheLock.acquire(root, "core", "a running build", Duration.ofSeconds(5), m -> { })) {
            r = CacheService.with(new Docker("after", List.of())).pruneFolders(request().build(), 1000);
        }

        // core is the least recently used but held: the next ones go until the rest fits
        assertThat(r.removed()).containsExactly("llm", "tts");
        assertThat(r.skippedInUse()).containsExactly("core");
        assertThat(r.freedBytes()).isEqualTo(2000);
        assertThat(root.serviceDir("core").resolve("blob")).exists();
        assertThat(root.serviceDir("llm")).doesNotExist();
    }

    @Test
    void shouldSayWhichCacheMountRecordsARunningBuildHeldWhenPruningTheirType() throws Exception {
        // docker's real answer to this prune while core's apt step ran: nothing removed
        Docker docker = new Docker("during", List.of("Total reclaimed space: 0B"));

        EnginePruneResult r = CacheService.with(docker).pruneEngineType(request().build(), BuildCacheRecord.CACHE_MOUNT, false);

        assertThat(docker.prunes).containsExactly(List.of("docker", "builder", "prune", "--force", "--filter",
                "type=exec.cachemount"));
        assertThat(r.deleted()).isEmpty();
        assertThat(r.reclaimedBytes()).isZero();
        assertThat(r.skippedInUse()).containsExactlyInAnyOrder("o4k9kt9ekvi2v4it91gi1huim", "q0xvrsfbwobit00311cy5wigb");
    }

    @Test
    void shouldPruneEveryRecordOfTheCacheMountsOfAKindAndAddUpWhatDockerReclaimed() throws Exception {
        history();
        Docker docker = new Docker("after", List.of("Deleted build cache objects:", "q0xvrsfbwobit00311cy5wigb", "",
                "Total reclaimed space: 93.1MB"));

        EnginePruneResult r = CacheService.with(docker).pruneEngineMount(request().build(), "apt");

        List<String> ids = EngineCacheUsage.of(EngineCacheUsageTest.afterBuild(), null, null, EngineCacheUsageTest.history(), null)
                .mounts().stream().flatMap(m -> m.recordIds().stream()).toList();
        assertThat(ids).hasSize(2);
        assertThat(docker.prunes).extracting(a -> a.get(a.size() - 1)).containsExactlyElementsOf(ids.stream().map(i -> "id=" + i).toList());
        assertThat(r.reclaimedBytes()).isEqualTo(2 * 93_100_000L);
        assertThat(r.skippedInUse()).isEmpty();
    }

    @Test
    void shouldReportTheMountsRecordsARunningBuildHoldsAsKept() throws Exception {
        Docker docker = new Docker("during", List.of("Total reclaimed space: 0B"));

        EnginePruneResult r = CacheService.with(docker).pruneEngineMount(request().build(), "/var/cache/apt");

        assertThat(r.deleted()).isEmpty();
        assertThat(r.skippedInUse()).containsExactly("q0xvrsfbwobit00311cy5wigb");
    }

    @Test
    void shouldPruneTheEngineToABudgetAndNotCountADeletedRecordAsKept() throws Exception {
        // the local source was held when read, released and deleted by the time the prune ran
        Docker docker = new Docker("during", List.of("Deleted build cache objects:", "gvm2kqj60az9ds7spxv5ogt03", "",
                "Total reclaimed space: 643B"));

        EnginePruneResult r = CacheService.with(docker).pruneEngineToBudget(request().build(), 1L << 30);

        assertThat(docker.prunes).containsExactly(List.of("docker", "builder", "prune", "--force", "--keep-storage",
                String.valueOf(1L << 30)));
        assertThat(r.deleted()).containsExactly("gvm2kqj60az9ds7spxv5ogt03");
        assertThat(r.reclaimedBytes()).isEqualTo(643);
        assertThat(r.skippedInUse()).doesNotContain("gvm2kqj60az9ds7spxv5ogt03")
                .contains("jfuzmqgnukg66bry4xok7wxrt", "q0xvrsfbwobit00311cy5wigb");
    }

    @Test
    void shouldRefuseAnUnknownTypeBeforeAskingDocker() throws Exception {
        Docker docker = new Docker("after", List.of());

        assertThatThrownBy(() -> CacheService.with(docker).pruneEngineType(request().build(), "layers", false))
                .isInstanceOf(MorganException.class).hasMessageContaining("'layers' is not a build-cache record type");
        assertThat(docker.all).isEmpty();
    }
}
