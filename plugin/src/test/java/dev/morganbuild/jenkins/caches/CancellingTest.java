package dev.morganbuild.jenkins.caches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class CancellingTest {

    @Test
    void shouldReturnTheValueOfAFinishedCall() throws Exception {
        assertThat(Cancelling.await(CompletableFuture.completedFuture("ok"), Duration.ofSeconds(1))).isEqualTo("ok");
    }

    @Test
    void shouldCancelACallThatTakesLongerThanTheTimeout() {
        CompletableFuture<String> remote = new CompletableFuture<>();

        assertThatThrownBy(() -> Cancelling.await(remote, Duration.ofMillis(100)))
                .isInstanceOf(TimeoutException.class).hasMessage("did not finish within 0.1 s; cancelled");
        assertThat(remote).isCancelled();
    }

    @Test
    void shouldCancelTheCallWhenTheWaitingThreadIsInterrupted() throws Exception {
        // the fan-out's deadline interrupts the thread that waits for the agent: the agent's call goes too
        CompletableFuture<String> remote = new CompletableFuture<>();
        CountDownLatch waiting = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> waiter = pool.submit(() -> {
                waiting.countDown();
                return Cancelling.await(remote, Duration.ofMinutes(10));
            });
            waiting.await();

            waiter.cancel(true);

            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!remote.isCancelled() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(remote).isCancelled();
        } finally {
            pool.shutdownNow();
        }
    }
}
