package dev.morganbuild.jenkins;

import hudson.remoting.ChannelClosedException;
import hudson.remoting.RequestAbortedException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import jenkins.model.Jenkins;

/**
 * A build's call to its agent failed because the agent's connection closed: either the controller is
 * shutting down or the agent went away. The agent stops the docker build when its connection closes.
 *
 * <p>At a shutdown the step must stay running until the controller has stopped, so that the saved
 * Pipeline resumes it and the step's {@code onResume()} reports the interruption. Failing it during the
 * shutdown races the Pipeline's own suspension (seen on 2.479.3: the build ended half-way through the
 * shutdown, with remoting's stack trace and no message, or resumed into an unrelated IOException).
 */
final class LostConnection {
    /** WebSocket agents lose their connection when the web server stops, a moment before Jenkins marks itself terminating. */
    private static final Duration TERMINATING_GRACE = Duration.ofSeconds(15);
    /** Bound on waiting for the JVM to exit, in case it lives on (a servlet container reloading only the web app). */
    private static final Duration SHUTDOWN_WAIT = Duration.ofMinutes(5);

    private LostConnection() {
    }

    /** True when a remote call failed because the agent's channel closed (remoting's exceptions, wrapped or not). */
    static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestAbortedException || t instanceof ChannelClosedException
                    || t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a lost connection: when the controller is shutting down, waits for its JVM to exit (bounded) and
     * returns true; else returns false at once (after a short grace for the terminating mark).
     */
    static boolean awaitControllerShutdown() {
        if (!controllerStopping()) {
            return false;
        }
        long end = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                // the shutdown interrupts threads; keep waiting for the JVM to exit
            }
        }
        return true;
    }

    private static boolean controllerStopping() {
        long end = System.nanoTime() + TERMINATING_GRACE.toNanos();
        while (true) {
            Jenkins jenkins = Jenkins.getInstanceOrNull();
            if (jenkins == null || jenkins.isTerminating()) {
                return true;
            }
            if (System.nanoTime() >= end) {
                return false;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
