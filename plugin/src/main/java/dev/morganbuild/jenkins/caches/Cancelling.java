package dev.morganbuild.jenkins.caches;

import dev.morganbuild.jenkins.Messages;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a future that stands for work elsewhere (an agent's call) and cancels it when the
 * waiting ends early: on a timeout, or when the waiting thread is interrupted (the fan-out's
 * deadline passed). Cancelling a remoting future tells the agent to interrupt the call.
 */
public final class Cancelling {
    private Cancelling() {
    }

    /**
     * The future's value.
     *
     * @throws TimeoutException     after cancelling it, when it is not done within the timeout
     * @throws InterruptedException after cancelling it, when the waiting thread is interrupted
     * @throws ExecutionException   when the work failed
     */
    public static <T> T await(Future<T> future, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TimeoutException(Messages.Caches_NotFinished(Answer.seconds(timeout)));
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }
}
