package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.CacheLedger;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.plan.Selection;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults with the real engine: concurrent builds of one service on one cache root, a cache directory
 * deleted and a ledger corrupted mid-run, a failing service beside good ones, an unreachable engine,
 * and an engine stopped in the middle of a build (a second private dockerd that the test owns).
 */
class FaultsIT {
    static final String SALT = UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    static Path dir;
    static String docker;
    static final Map<String, String> ENV = ExampleStack.dockerEnv();

    @BeforeAll
    static void setUp() {
        docker = ExampleStack.dockerOrFail(ENV);
    }

    /** A two-service project: {@code ok} builds in a few seconds; {@code slow} runs {@code sleep}; {@code broken} fails. */
    static Path project(String name, String slowCommand) throws IOException {
        Path p = Files.createDirectories(dir.resolve(name));
        Files.writeString(p.resolve("ok.Dockerfile"), """
                FROM morgan/debian:bookworm AS base
                RUN --mount=type=cache,target=/var/cache/morgan-fault echo %s > /salt && sleep 2
                COPY ok.Dockerfile /srv/
                """.formatted(SALT + name));
        Files.writeString(p.resolve("slow.Dockerfile"), "FROM morgan/debian:bookworm\nRUN " + slowCommand + "\n");
        Files.writeString(p.resolve("broken.Dockerfile"), "FROM morgan/debian:bookworm\nRUN echo %s && exit 7\n"
                .formatted(SALT));
        Files.writeString(p.resolve("docker-compose.yml"), """
                services:
                  ok:
                    build: {context: ., dockerfile: ok.Dockerfile}
                    image: morgan-faults/ok:%1$s
                  broken:
                    build: {context: ., dockerfile: broken.Dockerfile}
                    image: morgan-faults/broken:%1$s
                  slow:
                    build: {context: ., dockerfile: slow.Dockerfile}
                    image: morgan-faults/slow:%1$s
                """.formatted(name));
        return p.resolve("docker-compose.yml");
    }

    static StackBuildResult build(Path compose, List<String> services, Map<String, String> env, CacheRoot cache,
                                  HistoryStore history, List<String> messages) throws Exception {
        BuildListener listener = new BuildListener() {
            @Override
            public void message(String service, String message) {
                messages.add(service + ": " + message);
            }
        };
        StackRequest.Builder request = StackRequest.builder().workingDir(compose.getParent()).composeFile(compose)
                .env(env).docker(docker).node("it-node").parallelism(2).selection(Selection.named(services))
                .cacheRoot(cache.root());
        if (history == null) {
            request.noHistory();
        } else {
            request.historyDir(history.directory());
        }
        return BuildService.local().build(request.build(), listener);
    }

    @Test
    void shouldBuildOneServiceTwoThenFourTimesAtOnceWithAConsistentLedger() throws Exception {
        Path compose = project("concurrent", "true");
        CacheRoot cache = new CacheRoot(dir.resolve("cache-concurrent"));
        HistoryStore history = new HistoryStore(dir.resolve("history-concurrent"));
        int built = 0;
        for (int n : new int[] {2, 4}) {
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Future<StackBuildResult>> runs = new ArrayList<>();
            List<String> messages = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < n; i++) {
                runs.add(pool.submit(() -> build(compose, List.of("ok"), ENV, cache, history, messages)));
            }
            for (Future<StackBuildResult> f : runs) {
                assertThat(f.get(10, TimeUnit.MINUTES).records()).singleElement()
                        .satisfies(r -> assertThat(r.status()).as(r.error()).isEqualTo(BuildStatus.SUCCESS));
            }
            pool.shutdown();
            built += n;
            // builds of one service queue for its cache, one after another, and say so
            assertThat(messages).anyMatch(m -> m.contains("waiting for"));
        }
        CacheLedger.Contents ledger = CacheLedger.read(cache);
        assertThat(ledger.warnings()).isEmpty();
        assertThat(ledger.services()).containsOnlyKeys("ok");
        assertThat(history.summaries("ok", 100)).hasSize(built);
        assertThat(history.lastReport().skipped()).isZero();
        System.out.printf("concurrency test: %d builds of one service (2, then 4 at once) on one engine and cache "
                + "root: all succeeded, ledger consistent%n", built);
    }

    @Test
    void shouldRebuildADeletedCacheDirectoryAndACorruptLedgerWithAWarningAndKeepOtherRecords() throws Exception {
        Path compose = project("damaged", "true");
        CacheRoot cache = new CacheRoot(dir.resolve("cache-damaged"));
        HistoryStore history = new HistoryStore(dir.resolve("history-damaged"));
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        assertThat(build(compose, List.of("ok"), ENV, cache, history, messages).succeeded()).isTrue();

        dev.morganbuild.engine.cache.DirectorySize.delete(cache.serviceDir("ok"));
        Files.writeString(cache.ledgerFile(), "{\"services\": {\"ok\": [garbage");
        StackBuildResult r = build(compose, List.of("ok", "broken"), ENV, cache, history, messages);

        BuildRecord ok = r.records().stream().filter(x -> x.service().equals("ok")).findFirst().orElseThrow();
        BuildRecord broken = r.records().stream().filter(x -> x.service().equals("broken")).findFirst().orElseThrow();
        assertThat(ok.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(broken.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(broken.error()).contains("exit code: 7");
        assertThat(messages).anyMatch(m -> m.contains("cache ledger") && m.contains("unreadable"));
        assertThat(cache.serviceDir("ok")).isDirectory();
        assertThat(CacheLedger.read(cache).warnings()).isEmpty();
        // the failure of one service lost nothing of the other
        assertThat(history.summaries(100)).extracting(s -> s.service() + " " + s.status())
                .contains("ok SUCCESS", "broken FAILED");
    }

    @Test
    void shouldNameTheCauseWhenTheEngineIsUnreachable() {
        Map<String, String> env = new LinkedHashMap<>(ENV);
        env.put("DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock"));

        assertThatThrownBy(() -> build(project("unreachable", "true"), List.of("ok"), env,
                new CacheRoot(dir.resolve("cache-unreachable")), null, new ArrayList<>()))
                .isInstanceOf(MorganException.class)
                .hasMessageContaining("cannot reach the Docker engine at DOCKER_HOST=" + env.get("DOCKER_HOST"))
                .satisfies(e -> assertThat(((MorganException) e).hint()).isNotBlank());
    }

    @Test
    void shouldFailClearlyWhenTheEngineStopsMidBuildAndBuildAgainOnceItIsBack() throws Exception {
        String marker = "sleep " + (4000 + Math.abs(SALT.hashCode() % 900));
        Path compose = project("stopped", marker);
        try (SecondEngine engine = SecondEngine.start(dir.resolve("engine"), docker)) {
            Map<String, String> env = new LinkedHashMap<>(ENV);
            env.put("DOCKER_HOST", engine.host());
            CacheRoot cache = new CacheRoot(dir.resolve("cache-stopped"));
            HistoryStore history = new HistoryStore(dir.resolve("history-stopped"));
            List<String> messages = Collections.synchronizedList(new ArrayList<>());

            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<StackBuildResult> running = pool.submit(() -> build(compose, List.of("slow"), env, cache, history,
                    messages));
            SecondEngine.awaitProcess(marker, 120);
            engine.stop(); // SIGTERM, as `systemctl stop docker` does
            StackBuildResult stopped = running.get(2, TimeUnit.MINUTES);
            pool.shutdown();

            BuildRecord r = stopped.records().get(0);
            assertThat(r.status()).isEqualTo(BuildStatus.FAILED);
            assertThat(r.error()).contains("stopped answering during the build of slow").contains(engine.host());
            assertThat(SecondEngine.dockerClients("morgan-faults/slow:stopped")).as("docker processes left behind").isEmpty();
            boolean stepLeft = SecondEngine.processRunning(marker);
            System.out.printf("engine-stop test: build failed with \"%s\"; docker client processes left: 0; the "
                    + "engine's own RUN step process left running after its daemon stopped: %s%n",
                    r.error().lines().findFirst().orElse(""), stepLeft ? "yes (Docker's, killed by the test)" : "no");
            SecondEngine.killProcesses(marker);

            engine.restart();
            Files.writeString(compose.resolveSibling("slow.Dockerfile"), "FROM morgan/debian:bookworm\nRUN true\n");
            StackBuildResult again = build(compose, List.of("slow", "ok"), env, cache, history, messages);
            assertThat(again.records()).allSatisfy(x -> assertThat(x.status()).as(x.error()).isEqualTo(BuildStatus.SUCCESS));
            assertThat(history.summaries(100)).hasSize(3);
        } finally {
            SecondEngine.killProcesses(marker);
        }
    }

    @Test
    void theEnginesBuildCachePruneRunsAgainstTheRealEngine() throws Exception {
        // a budget far above this engine's cache: docker accepts the argv, exits 0 and reclaims nothing
        assertThat(dev.morganbuild.engine.cache.EnginePrune.run(new LocalCommandRunner(), docker, ENV,
                dev.morganbuild.engine.buildkit.Backend.BUILTIN, "morgan", 1L << 40)).isEmpty();
    }
}
