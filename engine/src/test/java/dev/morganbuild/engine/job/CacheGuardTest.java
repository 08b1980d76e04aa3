package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.cache.CacheLedger;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.stack.MorganSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache discipline around one service build, on a real cache root. */
class CacheGuardTest {
    @TempDir
    Path dir;

    final List<String> heard = new CopyOnWriteArrayList<>();
    final BuildListener listener = new BuildListener() {
        @Override
        public void message(String service, String text) {
            heard.add(service + ": " + text);
        }

        @Override
        public void phase(String service, String phase, long nanos) {
            heard.add(service + ": phase " + phase + (nanos >= 0 && nanos < 60_000_000_000L ? "" : " out of range"));
        }
    };

    static PlannedService core() {
        return ServiceChecksTest.planned("core", false, MorganSettings.EMPTY, List.of());
    }

    @Test
    void shouldPruneOtherCachesOverTheBudgetAndNoteTheSizeTheBuildLeft() throws Exception {
        CacheRoot root = new CacheRoot(dir);
        root.ensureServiceDir("llm");
        Files.write(root.serviceDir("llm").resolve("blob"), new byte[5000]);
        CacheLedger.touch(root, "llm", "earlier", Instant.EPOCH);

        String result = new CacheGuard(root, 1000L, "build #1", listener).around(core(), () -> {
            Files.write(root.serviceDir("core").resolve("export"), new byte[300]);
            return "built";
        });

        assertThat(result).isEqualTo("built");
        assertThat(heard).contains("core: pruned caches [llm] to stay within the budget", "core: phase lock");
        assertThat(heard).noneMatch(h -> h.endsWith("out of range"));
        assertThat(root.serviceDir("llm")).doesNotExist();
        assertThat(CacheLedger.read(root).services().get("core").sizeBytes()).isEqualTo(300);
    }

    @Test
    void shouldNotPruneWithoutABudgetAndSayWhenItRecreatesADeletedCache() throws Exception {
        CacheRoot root = new CacheRoot(dir);
        root.ensureServiceDir("llm");
        Files.write(root.serviceDir("llm").resolve("blob"), new byte[5000]);
        CacheLedger.touch(root, "llm", "earlier", Instant.EPOCH);
        root.ensureServiceDir("core");
        CacheLedger.touch(root, "core", "earlier", Instant.EPOCH);
        Files.delete(root.serviceDir("core"));

        new CacheGuard(root, null, "build #2", listener).around(core(), () -> null);

        assertThat(root.serviceDir("llm").resolve("blob")).exists();
        assertThat(heard).contains("core: cache directory of core was missing or damaged; recreated "
                + root.serviceDir("core"));
        assertThat(heard).noneMatch(h -> h.contains("pruned"));
    }

    @Test
    void shouldSayWhenTheLedgerWasDamagedAndRebuilt() throws Exception {
        CacheRoot root = new CacheRoot(dir);
        root.ensureServiceDir("core");
        Files.writeString(root.ledgerFile(), "{ not json");

        new CacheGuard(root, null, "build #3", listener).around(core(), () -> null);

        assertThat(heard).anyMatch(h -> h.startsWith("core: cache ledger " + root.ledgerFile() + " was unreadable (")
                && h.endsWith("); rebuilt from the cache directories"));
        assertThat(CacheLedger.read(root).warnings()).isEmpty();
        assertThat(CacheLedger.read(root).services()).containsKey("core");
    }

    @Test
    void shouldReleaseTheLockWhenTheBuildFails() throws Exception {
        CacheRoot root = new CacheRoot(dir);
        CacheGuard guard = new CacheGuard(root, null, "build #4", listener);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.around(core(), () -> {
            throw new java.io.IOException("docker died");
        })).hasMessage("docker died");

        // taken at once by the next build: a lock still held would make it wait out the timeout and fail
        try (var next = dev.morganbuild.engine.cache.CacheLock.acquire(root, "core", "next", java.time.Duration.ofMillis(200),
                msg -> { throw new AssertionError("waited: " + msg); })) {
            assertThat(next).isNotNull();
        }
    }
}
