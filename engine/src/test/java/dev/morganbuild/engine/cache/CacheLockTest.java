package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache lock across processes: the file lock, the holder's name in it, the wait and its timeout. */
class CacheLockTest {
    @TempDir
    Path dir;

    @Test
    void shouldWaitForALockAnotherProcessHoldsNamingItAndTimeOut() throws Exception {
        CacheRoot root = new CacheRoot(dir);
        Process child = ChildJvm.start(CacheLockHolder.class, dir.toString(), "tts");
        List<String> messages = new ArrayList<>();
        try {
            ChildJvm.awaitLine(child, "locked");

            long start = System.nanoTime();
            assertThatThrownBy(() -> CacheLock.acquire(root, "tts", "build #2", Duration.ofMillis(600), messages::add))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("timed out waiting for the cache lock of tts");
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(waitedMillis).isBetween(500L, 10_000L);
            assertThat(messages).singleElement().asString()
                    .startsWith("waiting for child pid " + child.pid() + " since ")
                    .endsWith(" to release the cache of tts");
            assertThat(CacheLock.tryAcquire(root, "tts", "prune")).isEmpty();
        } finally {
            child.getOutputStream().close();
            ChildJvm.await(child);
        }
        // the timed-out wait released what it had: the lock is free for this JVM again, at once
        try (CacheLock lock = CacheLock.acquire(root, "tts", "build #3", Duration.ofMillis(1), messages::add)) {
            assertThat(messages).hasSize(1);
            assertThat(Files.readString(root.locksDir().resolve("tts.lock"), StandardCharsets.UTF_8)).startsWith("build #3 since ");
        }
    }

    @Test
    void shouldTakeALockAnotherProcessReleasesWhileWaiting() throws Exception {
        CacheRoot root = new CacheRoot(dir);
        Process child = ChildJvm.start(CacheLockHolder.class, dir.toString(), "llm");
        List<String> messages = new ArrayList<>();
        ChildJvm.awaitLine(child, "locked");
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(700);
                child.getOutputStream().close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        releaser.start();
        try (CacheLock lock = CacheLock.acquire(root, "llm", "build #2", Duration.ofSeconds(60), messages::add)) {
            assertThat(child.isAlive()).isFalse();
            assertThat(messages).singleElement().asString().contains("child pid " + child.pid());
        } finally {
            releaser.join();
            ChildJvm.await(child);
        }
    }

    @Test
    void shouldTellAWaiterInTheSameProcessWhoHoldsTheLockAndTimeOut() throws Exception {
        CacheRoot root = new CacheRoot(dir);
        List<String> messages = new ArrayList<>();
        try (CacheLock first = CacheLock.acquire(root, "core", "build #1", Duration.ofSeconds(5), m -> { })) {
            assertThatThrownBy(() -> CacheLock.acquire(root, "core", "build #2", Duration.ofMillis(300), messages::add))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("timed out waiting for the cache lock of core");
            assertThat(CacheLock.tryAcquire(root, "core", "prune")).isEmpty();
        }
        assertThat(messages).containsExactly("waiting for build #1 to release the cache of core");
        try (CacheLock again = CacheLock.tryAcquire(root, "core", "prune").orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void shouldReleaseOnlyOnceWhenClosedTwice() throws Exception {
        CacheRoot root = new CacheRoot(dir);
        CacheLock lock = CacheLock.acquire(root, "core", "build #1", Duration.ofSeconds(5), m -> { });
        lock.close();
        lock.close();
        try (CacheLock a = CacheLock.tryAcquire(root, "core", "a").orElseThrow()) {
            // a second close must not have released a permit that lets another holder in beside this one
            assertThat(CacheLock.tryAcquire(root, "core", "b")).isEmpty();
        }
    }

    @Test
    void shouldOverwriteALongerOwnerRecordWithoutLeavingItsTail() throws Exception {
        CacheRoot root = new CacheRoot(dir);
        String longOwner = "x".repeat(400);
        try (CacheLock a = CacheLock.acquire(root, "core", longOwner, Duration.ofSeconds(5), m -> { })) {
            assertThat(a).isNotNull();
        }
        try (CacheLock b = CacheLock.acquire(root, "core", "short", Duration.ofSeconds(5), m -> { })) {
            String text = Files.readString(root.locksDir().resolve("core.lock"), StandardCharsets.UTF_8);
            assertThat(text).startsWith("short since ").doesNotContain("x").hasSize(256).endsWith("    ");
            assertThat(text.strip()).doesNotContain("  ");
        }
    }

    @Test
    void shouldWriteThePrunersNameIntoALockItTakesWithoutWaiting() throws Exception {
        CacheRoot root = new CacheRoot(dir);
        try (CacheLock lock = CacheLock.tryAcquire(root, "core", "morgan cache prune").orElseThrow()) {
            assertThat(Files.readString(root.locksDir().resolve("core.lock"), StandardCharsets.UTF_8))
                    .startsWith("morgan cache prune since ");
        }
    }
}
