package dev.morganbuild.engine.exec;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A short task on its own daemon thread, so that independent engine probes (each a docker process of
 * 20 to 50 ms) run at once instead of one after another.
 */
public final class Background<T> {
    private final FutureTask<T> task;

    private Background(Callable<T> work, String name) {
        this.task = new FutureTask<>(work);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    public static <T> Background<T> start(String name, Callable<T> work) {
        return new Background<>(work, name);
    }

    /**
     * The task's result. If the caller is interrupted while waiting, the task is interrupted too (a
     * running command is stopped) and the interrupt is passed on.
     */
    public T await() throws InterruptedException, ExecutionException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            throw e;
        }
    }

    /** Stops the task if it still runs (its command is stopped); for a caller that no longer needs it. */
    public void cancel() {
        task.cancel(true);
    }
}
