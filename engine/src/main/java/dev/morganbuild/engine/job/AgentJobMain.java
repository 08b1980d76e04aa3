package dev.morganbuild.engine.job;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The process a Jenkins step starts on its agent to run one build detached from the agent's
 * connection (the way Pipeline's {@code sh} runs a script): {@code java -cp ENGINE:JACKSON...
 * dev.morganbuild.engine.job.AgentJobMain FOLDER}, where FOLDER holds the job ({@link JobFolder}),
 * started by {@link JobFolder#launchArgv}. Not a user command: it needs only the engine and its
 * libraries. SIGTERM (the step's abort) stops the docker build before the process exits.
 */
public final class AgentJobMain {
    private AgentJobMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: AgentJobMain FOLDER (the Jenkins step starts this; see JobFolder)");
            System.exit(JobFolder.USER_ERROR);
        }
        PrintStream log = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Thread main = Thread.currentThread();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            main.interrupt();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.flush();
            Runtime.getRuntime().halt(JobFolder.INTERRUPTED);
        }, "morgan-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try {
            code = JobFolder.run(Path.of(args[0]), System.getenv(), BuildService.local(), log);
        } finally {
            done.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal arrived as the build ended: the hook halts with 130
        }
        System.exit(code);
    }
}
