package dev.morganbuild.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes through LocalCommandRunner: what they get, what they give back, and how they are stopped. */
@org.junit.jupiter.api.Timeout(90)
class ProcessLifecycleTest {
    @TempDir
    Path dir;

    final LocalCommandRunner runner = new LocalCommandRunner();
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void shouldRunInTheGivenFolderWithTheAddedEnvironmentAndReturnTheExitCode() throws Exception {
        Command c = Command.of(List.of("sh", "-c", "pwd; echo \"$MORGAN_TEST_VALUE\"; exit 7"))
                .withEnv(Map.of("MORGAN_TEST_VALUE", "from the command")).withWorkDir(dir);

        assertThat(runner.run(c, lines::add)).isEqualTo(7);
        assertThat(lines).containsExactly(dir.toRealPath().toString(), "from the command");
    }

    @Test
    void shouldWriteTheInputAndCloseItOrGiveNoInputAtAll() throws Exception {
        assertThat(runner.run(Command.of(List.of("cat")).withStdin("secret\n".getBytes(StandardCharsets.UTF_8)),
                lines::add)).isZero();
        assertThat(lines).containsExactly("secret");

        lines.clear();
        // without input, cat reads an empty /dev/null and ends at once instead of waiting on a pipe
        assertThat(runner.run(Command.of(List.of("cat")), lines::add)).isZero();
        assertThat(lines).isEmpty();
    }

    @Test
    void shouldMergeStandardErrorIntoTheLines() throws Exception {
        runner.run(Command.of(List.of("sh", "-c", "echo out; echo err >&2")), lines::add);

        assertThat(lines).containsExactlyInAnyOrder("out", "err");
    }

    @Test
    void shouldPassLinesOnADaemonThreadThatCannotKeepTheJvmAlive() throws Exception {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        runner.run(Command.of(List.of("echo", "x")), l -> threads.add(Thread.currentThread()));

        assertThat(threads).singleElement().satisfies(t -> {
            assertThat(t.isDaemon()).isTrue();
            assertThat(t.getName()).startsWith("morgan-output-");
        });
    }

    @Test
    void shouldStopTheProcessTreeWhenTheCallerIsInterrupted() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                runner.run(Command.of(List.of("sh", "-c", "sleep 300 & echo $!; wait")), lines::add);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        caller.start();
        long child = awaitPid();

        caller.interrupt();

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        awaitDead(child);
    }

    @Test
    void shouldStopTheProcessWhenTheSinkFailsAndPassTheFailureOn() throws Exception {
        long start = System.nanoTime();
        List<Long> pids = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> runner.run(Command.of(List.of("sh", "-c", "sleep 300 & echo $!; wait")), line -> {
            pids.add(Long.parseLong(line));
            throw new IllegalStateException("listener broke");
        })).isInstanceOf(IllegalStateException.class).hasMessage("listener broke");

        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(60));
        awaitDead(pids.get(0));
    }

    @Test
    void shouldKillAProcessTreeThatIgnoresTheTermSignalAfterTheGracePeriod() throws Exception {
        // an ignored signal stays ignored in children: sh and its sleep both outlive SIGTERM
        Process p = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 300 & echo $!; wait").start();
        long child = firstLineAsPid(p);
        long start = System.nanoTime();

        try {
            LocalCommandRunner.stop(p);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }

        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertThat(seconds).isBetween(9L, 40L);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        awaitDead(child);
    }

    @Test
    void shouldKillAtOnceWhenInterruptedAgainDuringTheGracePeriod() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 300 & echo $!; wait").start();
        long child = firstLineAsPid(p);
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread stopper = new Thread(() -> {
            LocalCommandRunner.stop(p);
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        long start = System.nanoTime();
        stopper.start();
        Thread.sleep(300);
        stopper.interrupt();

        assertThat(stillInterrupted.get(8, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(8));
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        awaitDead(child);
    }

    @Test
    void shouldRunBackgroundWorkOnADaemonThreadAndCancelItOnInterrupt() throws Exception {
        Background<Boolean> daemon = Background.start("probe", () -> Thread.currentThread().isDaemon()
                && Thread.currentThread().getName().equals("probe"));
        assertThat(daemon.await()).isTrue();

        Background<String> failing = Background.start("failing", () -> {
            throw new IllegalStateException("no engine");
        });
        assertThatThrownBy(failing::await).isInstanceOf(ExecutionException.class).hasRootCauseMessage("no engine");

        CompletableFuture<Boolean> workInterrupted = new CompletableFuture<>();
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(2);
        Background<String> slow = Background.start("slow", () -> {
            running.countDown();
            try {
                Thread.sleep(60_000);
                workInterrupted.complete(false);
            } catch (InterruptedException e) {
                workInterrupted.complete(true);
            }
            return "late";
        });
        while (running.getCount() == 2) {
            Thread.sleep(10);
        }
        Thread.currentThread().interrupt();
        assertThatThrownBy(slow::await).isInstanceOf(InterruptedException.class);
        assertThat(workInterrupted.get(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
        Background<String> other = Background.start("other", () -> {
            running.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                cancelled.complete(true);
            }
            return "late";
        });
        running.await();
        other.cancel();
        assertThat(cancelled.get(10, TimeUnit.SECONDS)).isTrue();
    }

    /** The pid the shell printed first (its background child's). */
    private static long firstLineAsPid(Process p) throws java.io.IOException {
        return Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8)).readLine().strip());
    }

    private long awaitPid() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lines.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return Long.parseLong(lines.get(0));
    }

    private static void awaitDead(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
