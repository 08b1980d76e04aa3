package dev.morganbuild.engine.exec;

import java.io.IOException;

/**
 * Runs a {@link Command}. The CLI runs it locally ({@link LocalCommandRunner}); the Jenkins plugin
 * runs it on an agent through the step's Launcher. Standard output and error are merged and handed
 * to the sink line by line as they arrive, so long logs never sit in memory.
 */
public interface CommandRunner {
    /**
     * Runs the command to completion.
     *
     * @return the exit code
     * @throws IOException          when the program cannot be started
     * @throws InterruptedException when the calling thread is interrupted; the process (and its
     *                              children) have then been stopped
     */
    int run(Command command, LineSink sink) throws IOException, InterruptedException;
}
