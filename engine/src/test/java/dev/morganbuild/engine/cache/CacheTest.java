package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.ChildJvm;
import dev.morganbuild.engine.MorganException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTest {
    @TempDir
    Path dir;

    CacheRoot root() {
        return new CacheRoot(dir);
    }

    void fill(CacheRoot root, String service, int bytes, Instant lastUse) throws Exception {
        root.ensureServiceDir(service);
        Files.write(root.serviceDir(service).resolve("blob"), new byte[bytes]);
        CacheLedger.touch(root, service, "test", lastUse);
    }

    @Test
    void shouldPruneLeastRecentlyUsedCachesFirstUntilWithinBudget() throws Exception {
        CacheRoot root = root();
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        fill(root, "core", 1000, t.plusSeconds(30));
        fill(root, "llm", 1000, t.plusSeconds(10));
        fill(root, "tts", 1000, t.plusSeconds(20));
        fill(root, "stt", 1000, t.plusSeconds(40));

        PruneResult r = CachePruner.prune(root, 2500, null);

        assertThat(r.removed()).containsExactly("llm", "tts");
        assertThat(r.freedBytes()).isEqualTo(2000);
        assertThat(r.totalBytes()).isEqualTo(2000);
        assertThat(root.serviceDir("llm")).doesNotExist();
        assertThat(root.serviceDir("core").resolve("blob")).exists();
        assertThat(CacheUsage.of(root).lastPrune()).isNotNull();
    }

    @Test
    void shouldNeverPruneTheServiceAboutToBuild() throws Exception {
        CacheRoot root = root();
        fill(root, "core", 5000, Instant.EPOCH);

        PruneResult r = CachePruner.prune(root, 0, "core");

        assertThat(r.removed()).isEmpty();
        assertThat(root.serviceDir("core").resolve("blob")).exists();
    }

    @Test
    void shouldNeverPruneACacheAnotherThreadHolds() throws Exception {
        CacheRoot root = root();
        fill(root, "core", 1000, Instant.EPOCH);
        fill(root, "llm", 1000, Instant.EPOCH.plusSeconds(1));

        try (CacheLock held = CacheLock.acquire(root, "core", "other build", Duration.ofSeconds(5), m -> { })) {
            PruneResult r = CachePruner.prune(root, 0, null);

            assertThat(r.skippedInUse()).containsExactly("core");
            assertThat(r.removed()).containsExactly("llm");
            assertThat(root.serviceDir("core").resolve("blob")).exists();
        }
    }

    @Test
    void shouldNeverPruneACacheAnotherProcessHolds() throws Exception {
        CacheRoot root = root();
        fill(root, "tts", 1000, Instant.EPOCH);
        Process child = ChildJvm.start(CacheLockHolder.class, dir.toString(), "tts");
        try {
            ChildJvm.awaitLine(child, "locked");

            PruneResult r = CachePruner.prune(root, 0, null);

            assertThat(r.skippedInUse()).containsExactly("tts");
            assertThat(root.serviceDir("tts").resolve("blob")).exists();
        } finally {
            child.getOutputStream().close();
            ChildJvm.await(child);
        }
        assertThat(CachePruner.prune(root, 0, null).removed()).containsExactly("tts");
    }

    @Test
    void shouldMakeASecondBuildWaitForTheFirstAndSayForWhom() throws Exception {
        CacheRoot root = root();
        List<String> messages = new ArrayList<>();
        CountDownLatch waiting = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (CacheLock first = CacheLock.acquire(root, "core", "build #1", Duration.ofSeconds(5), m -> { })) {
            Future<?> second = pool.submit(() -> {
                try (CacheLock l = CacheLock.acquire(root, "core", "build #2", Duration.ofSeconds(10), m -> {
                    messages.add(m);
                    waiting.countDown();
                })) {
                    return null;
                }
            });
            waiting.await();
            assertThat(second).isNotDone();
            first.close();
            second.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(messages).singleElement().asString().contains("build #1").contains("core");
    }

    @Test
    void shouldRebuildACorruptedLedgerFromTheDirectoriesWithAWarning() throws Exception {
        CacheRoot root = root();
        fill(root, "core", 1234, Instant.EPOCH);
        Files.writeString(root.ledgerFile(), "{ this is not json");

        CacheUsage usage = CacheUsage.of(root);

        assertThat(usage.warnings()).singleElement().asString().contains("unreadable").contains("rebuilt");
        assertThat(usage.services()).singleElement().satisfies(e -> {
            assertThat(e.service()).isEqualTo("core");
            assertThat(e.sizeBytes()).isEqualTo(1234);
        });
        CacheLedger.touch(root, "core", "next build", Instant.now());
        assertThat(CacheUsage.of(root).warnings()).isEmpty();
    }

    @Test
    void shouldIgnoreLedgerEntriesThatNameFoldersOutsideTheCacheRootAndNeverDeleteThem() throws Exception {
        Path cacheDir = Files.createDirectories(dir.resolve("cache"));
        Path precious = Files.createDirectories(dir.resolve("precious"));
        Files.write(precious.resolve("data"), new byte[5000]);
        CacheRoot root = new CacheRoot(cacheDir);
        root.ensureServiceDir("core");
        Files.write(root.serviceDir("core").resolve("blob"), new byte[1000]);
        Files.writeString(root.ledgerFile(), "{\"services\": {\"../../precious\": {\"sizeBytes\": 5000, "
                + "\"lastUse\": \"2020-01-01T00:00:00Z\"}, \"core\": {\"sizeBytes\": 1000, "
                + "\"lastUse\": \"2026-01-01T00:00:00Z\"}}}");

        PruneResult r = CachePruner.prune(root, 10, null);

        assertThat(r.removed()).containsExactly("core");
        assertThat(precious.resolve("data")).exists();
        assertThat(CacheLedger.read(root).services()).isEmpty();
        Files.writeString(root.ledgerFile(), "{\"services\": {\"a/b\": {\"sizeBytes\": 1}}}");
        assertThat(CacheUsage.of(root).warnings()).singleElement().asString()
                .contains("names 'a/b', which cannot be a service cache; ignored");
    }

    @Test
    void shouldNeitherPruneNorCreateCachesThroughALinkedServicesFolder() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/core"));
        Files.write(elsewhere.resolve("precious"), new byte[100]);
        Path cacheDir = Files.createDirectories(dir.resolve("cache"));
        Files.createSymbolicLink(cacheDir.resolve("services"), dir.resolve("elsewhere"));
        CacheRoot root = new CacheRoot(cacheDir);
        Files.writeString(root.ledgerFile(), "{\"services\": {\"core\": {\"sizeBytes\": 100}}}");

        assertThatThrownBy(() -> CachePruner.prune(root, 0, null)).isInstanceOf(dev.morganbuild.engine.MorganException.class)
                .hasMessageContaining("is a symbolic link").hasMessageContaining("rm " + root.servicesDir());
        assertThatThrownBy(() -> root.ensureServiceDir("tts")).hasMessageContaining("is a symbolic link");
        assertThat(elsewhere.resolve("precious")).exists();
        assertThat(dir.resolve("elsewhere/tts")).doesNotExist();
    }

    @Test
    void shouldRecreateADeletedServiceCacheWithAWarning() throws Exception {
        CacheRoot root = root();
        fill(root, "core", 10, Instant.EPOCH);
        DirectorySize.delete(root.serviceDir("core"));

        assertThat(root.ensureServiceDir("core")).get().asString().contains("recreated");
        assertThat(root.serviceDir("core")).isDirectory();
        assertThat(root.ensureServiceDir("llm")).isEmpty();
    }

    @Test
    void shouldLoseNoLedgerUpdateUnderConcurrentTouches() throws Exception {
        CacheRoot root = root();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String service = "svc" + i;
            all.add(pool.submit(() -> {
                root.ensureServiceDir(service);
                CacheLedger.touch(root, service, "t", Instant.now());
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();

        assertThat(CacheLedger.read(root).services()).hasSize(40);
        assertThat(CacheLedger.read(root).warnings()).isEmpty();
    }

    @Test
    void shouldRefuseServiceNamesThatEscapeTheRoot() {
        assertThatThrownBy(() -> root().serviceDir("../etc")).isInstanceOf(MorganException.class);
        assertThatThrownBy(() -> root().serviceDir("a/../../b")).isInstanceOf(MorganException.class);
    }

    @Test
    void shouldParseAndFormatSizes() {
        assertThat(ByteSize.parse("4GiB")).isEqualTo(4L << 30);
        assertThat(ByteSize.parse("500MB")).isEqualTo(500_000_000L);
        assertThat(ByteSize.parse("1.5G")).isEqualTo(1_610_612_736L);
        assertThat(ByteSize.parse("1073741824")).isEqualTo(1L << 30);
        assertThat(ByteSize.format(1536)).isEqualTo("1.5 KiB");
        assertThatThrownBy(() -> ByteSize.parse("lots")).isInstanceOf(MorganException.class)
                .hasMessageContaining("4GiB");
    }
}
