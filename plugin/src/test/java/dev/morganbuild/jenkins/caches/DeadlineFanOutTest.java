package dev.morganbuild.jenkins.caches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineFanOutTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stop() {
        never.countDown();
        pool.shutdownNow();
    }

    private DeadlineFanOut fanOut(Duration deadline) {
        return new DeadlineFanOut(pool, deadline, System::nanoTime, Clock.systemUTC());
    }

    private Callable<String> hung(CountDownLatch interrupted) {
        return () -> {
            try {
                never.await();
                return "never";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        };
    }

    @Test
    void shouldAskAllPartiesAtOnce() {
        // each call answers only once all three are running: asked one after another, none would
        CountDownLatch allRunning = new CountDownLatch(3);
        Callable<String> together = () -> {
            allRunning.countDown();
            return allRunning.await(5, TimeUnit.SECONDS) ? "together" : "alone";
        };

        Map<String, Answer<String>> answers = fanOut(Duration.ofSeconds(10))
                .ask(Map.of("a", together, "b", together, "c", together));

        assertThat(answers.values()).extracting(Answer::value).containsOnly("together");
    }

    @Test
    void shouldHoldTheCallerForOneDeadlineHoweverManyPartiesHang() {
        CountDownLatch interrupted = new CountDownLatch(5);
        Map<String, Callable<String>> calls = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            calls.put("hung-" + i, hung(interrupted));
        }
        calls.put("fine", () -> "42 GiB");
        Duration deadline = Duration.ofMillis(400);

        long start = System.nanoTime();
        Map<String, Answer<String>> answers = fanOut(deadline).ask(calls);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // one deadline each would be 5 x 400 ms = 2 s
        assertThat(took).isGreaterThanOrEqualTo(deadline).isLessThan(Duration.ofMillis(1500));
        assertThat(answers).containsOnlyKeys(calls.keySet());
        assertThat(answers.get("fine").value()).isEqualTo("42 GiB");
        assertThat(answers.entrySet()).filteredOn(e -> e.getKey().startsWith("hung"))
                .allSatisfy(e -> assertThat(e.getValue().status()).isEqualTo(Answer.Status.TIMED_OUT));
    }

    @Test
    void shouldGiveTheLastPartyOnlyWhatIsLeftOfTheDeadline() {
        AtomicLong ticker = new AtomicLong();
        DeadlineFanOut fanOut = new DeadlineFanOut(pool, Duration.ofSeconds(30), ticker::get, Clock.systemUTC());
        Map<String, Callable<String>> calls = new LinkedHashMap<>();
        calls.put("slow", () -> {
            ticker.addAndGet(Duration.ofMillis(29_800).toNanos()); // it took 29.8 s of the 30
            return "slow but in time";
        });
        calls.put("hung", hung(new CountDownLatch(1)));

        long start = System.nanoTime();
        Map<String, Answer<String>> answers = fanOut.ask(calls);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(answers.get("slow").value()).isEqualTo("slow but in time");
        assertThat(answers.get("hung").status()).isEqualTo(Answer.Status.TIMED_OUT);
    }

    @Test
    void shouldCancelACallThatMissesTheDeadlineByInterruptingIt() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);

        Map<String, Answer<String>> answers = fanOut(Duration.ofMillis(100)).ask(Map.of("agent-2", hung(interrupted)));

        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the hung call was interrupted").isTrue();
        assertThat(answers.get("agent-2").problem()).isEqualTo("did not answer within 0.1 s; the call was cancelled");
    }

    @Test
    void shouldNameTheDeadlineInWholeSeconds() {
        Map<String, Answer<String>> answers = fanOut(Duration.ofSeconds(1)).ask(Map.of("gpu-1", hung(new CountDownLatch(1))));

        assertThat(answers.get("gpu-1").problem()).isEqualTo("did not answer within 1 s; the call was cancelled");
    }

    @Test
    void shouldReportAFailedCallWithItsOwnMessage() {
        Map<String, Answer<String>> answers = fanOut(Duration.ofSeconds(10)).ask(Map.of("agent-1", () -> {
            throw new IOException("docker: Cannot connect to the Docker daemon");
        }));

        Answer<String> a = answers.get("agent-1");
        assertThat(a.status()).isEqualTo(Answer.Status.FAILED);
        assertThat(a.failure()).isInstanceOf(IOException.class);
        assertThat(a.problem()).isEqualTo("docker: Cannot connect to the Docker daemon");
    }

    @Test
    void shouldKeepTheCallersOrder() {
        Map<String, Callable<String>> calls = new LinkedHashMap<>();
        for (String k : new String[] {"zeta", "alpha", "built-in", "mu"}) {
            calls.put(k, () -> k);
        }

        assertThat(fanOut(Duration.ofSeconds(10)).ask(calls).keySet()).containsExactly("zeta", "alpha", "built-in", "mu");
    }

    @Test
    void shouldReportACallThatCouldNotStart() {
        pool.shutdown();
        Map<String, Answer<String>> answers = fanOut(Duration.ofSeconds(1)).ask(Map.of("a", () -> "x"));

        assertThat(answers.get("a").status()).isEqualTo(Answer.Status.FAILED);
    }

    @Test
    void shouldRefuseADeadlineThatIsNotPositive() {
        assertThatThrownBy(() -> fanOut(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
