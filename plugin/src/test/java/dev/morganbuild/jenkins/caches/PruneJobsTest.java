package dev.morganbuild.jenkins.caches;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PruneJobsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final MutableClock clock = new MutableClock(T0);
    private final PruneJobs<String> jobs = new PruneJobs<>(pool, clock);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    private String awaitRelease() throws InterruptedException {
        release.await();
        return "removed 3 records of type exec.cachemount, reclaimed 1.2 GiB";
    }

    private PruneJobs.Job awaitFinished(String key) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (jobs.latest(key).orElseThrow().running() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return jobs.latest(key).orElseThrow();
    }

    @Test
    void shouldReturnAtOnceAndShowThePruneAsRunning() {
        PruneJobs.Started s = jobs.start("agent-1", "type exec.cachemount", this::awaitRelease);

        assertThat(s.now()).isTrue();
        assertThat(jobs.latest("agent-1")).get().satisfies(j -> {
            assertThat(j.running()).isTrue();
            assertThat(j.what()).isEqualTo("type exec.cachemount");
            assertThat(j.started()).isEqualTo(T0);
        });
    }

    @Test
    void shouldReportWhatThePruneReclaimedAndWhenItFinished() throws InterruptedException {
        jobs.start("agent-1", "type exec.cachemount", this::awaitRelease);
        clock.advance(Duration.ofSeconds(42));
        release.countDown();

        PruneJobs.Job j = awaitFinished("agent-1");

        assertThat(j.running()).isFalse();
        assertThat(j.result()).isEqualTo("removed 3 records of type exec.cachemount, reclaimed 1.2 GiB");
        assertThat(j.error()).isNull();
        assertThat(j.finished()).isEqualTo(T0.plusSeconds(42));
    }

    @Test
    void shouldRunOnePrunePerAgentAtATime() {
        AtomicInteger second = new AtomicInteger();
        PruneJobs.Job first = jobs.start("agent-1", "type regular", this::awaitRelease).job();

        PruneJobs.Started again = jobs.start("agent-1", "cache mount apt", () -> "ran " + second.incrementAndGet());

        assertThat(again.now()).isFalse();
        assertThat(again.job()).isEqualTo(first);
        assertThat(second).hasValue(0);
    }

    @Test
    void shouldPruneDifferentAgentsAtTheSameTime() {
        jobs.start("agent-1", "type regular", this::awaitRelease);

        assertThat(jobs.start("gpu-1", "type regular", this::awaitRelease).now()).isTrue();
    }

    @Test
    void shouldStartANewPruneOnceTheLastOneFinished() throws InterruptedException {
        jobs.start("agent-1", "type regular", () -> "removed 1 record");
        awaitFinished("agent-1");

        PruneJobs.Started next = jobs.start("agent-1", "cache mount apt", () -> "removed 2 records");

        assertThat(next.now()).isTrue();
        assertThat(awaitFinished("agent-1").result()).isEqualTo("removed 2 records");
    }

    @Test
    void shouldKeepThePrunesError() throws InterruptedException {
        jobs.start("agent-1", "type regular", () -> {
            throw new IOException("docker builder prune: permission denied");
        });

        PruneJobs.Job j = awaitFinished("agent-1");

        assertThat(j.error()).isEqualTo("docker builder prune: permission denied");
        assertThat(j.result()).isNull();
        assertThat(j.finished()).isNotNull();
    }

    @Test
    void shouldReportAPruneThatCouldNotStart() {
        pool.shutdown();

        PruneJobs.Started s = jobs.start("agent-1", "type regular", () -> "never");

        assertThat(s.job().running()).isFalse();
        assertThat(s.job().error()).startsWith("could not start");
    }

    @Test
    void shouldKnowNoPruneForAnAgentThatHadNone() {
        assertThat(jobs.latest("agent-9")).isEmpty();
    }
}
