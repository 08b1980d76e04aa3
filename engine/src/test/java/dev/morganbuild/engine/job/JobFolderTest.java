package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A detached job's folder with real processes: the wrapper, its log and exit code, polling and stopping. */
@Timeout(120)
class JobFolderTest {
    @TempDir
    Path dir;

    void launch(String script) throws Exception {
        Process wrapper = new ProcessBuilder(JobFolder.launchArgv(dir.toString(), List.of("sh", "-c", script))).start();
        assertThat(wrapper.waitFor(30, TimeUnit.SECONDS)).as("the wrapper returns at once").isTrue();
        assertThat(wrapper.exitValue()).isZero();
    }

    JobFolder.Progress awaitExit() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JobFolder.Progress p = JobFolder.poll(dir, 0, 1 << 20);
        while (p.exit() == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            p = JobFolder.poll(dir, 0, 1 << 20);
        }
        return p;
    }

    @Test
    void shouldRunTheCommandDetachedWithItsOutputInTheLogAndItsExitCodeWritten() throws Exception {
        launch("echo hello; echo oops >&2; exit 3");

        JobFolder.Progress p = awaitExit();

        assertThat(p.exit()).isEqualTo(3);
        assertThat(p.running()).isFalse();
        assertThat(new String(p.log(), StandardCharsets.UTF_8)).isEqualTo("hello\noops\n");
        assertThat(p.offset()).isEqualTo(p.log().length);
        assertThat(dir.resolve(JobFolder.PID)).exists();
        assertThat(dir.resolve(JobFolder.RUNNER_PID)).exists();
    }

    @Test
    void shouldReadTheLogFromAnOffsetAtMostMaxBytesAtATime() throws Exception {
        Files.writeString(dir.resolve(JobFolder.LOG), "abcdefgh");

        JobFolder.Progress first = JobFolder.poll(dir, 2, 3);
        assertThat(new String(first.log(), StandardCharsets.UTF_8)).isEqualTo("cde");
        assertThat(first.offset()).isEqualTo(5);
        JobFolder.Progress rest = JobFolder.poll(dir, first.offset(), 100);
        assertThat(new String(rest.log(), StandardCharsets.UTF_8)).isEqualTo("fgh");
        assertThat(rest.offset()).isEqualTo(8);
        JobFolder.Progress none = JobFolder.poll(dir, 8, 100);
        assertThat(none.log()).isEmpty();
        assertThat(none.offset()).isEqualTo(8);
        assertThat(none.exit()).isNull();
        assertThat(none.running()).isFalse();
    }

    @Test
    void shouldReadAnExitFileThatIsNotANumberAsMinusOneAndIgnoreABadPidFile() throws Exception {
        Files.writeString(dir.resolve(JobFolder.EXIT), "killed\n");
        Files.writeString(dir.resolve(JobFolder.PID), "not a pid");

        JobFolder.Progress p = JobFolder.poll(dir, 0, 10);

        assertThat(p.exit()).isEqualTo(-1);
        assertThat(p.running()).isFalse();
        assertThat(p.log()).isEmpty();
        assertThat(JobFolder.stop(dir, Duration.ofMillis(1))).isZero();
    }

    @Test
    void shouldSayAJobRunsUntilItsProcessesEndAndStopItWithinTheGrace() throws Exception {
        // as the build process does: on SIGTERM it stops its child (docker) and exits
        launch("trap 'kill $c; exit 143' TERM; sleep 300 & c=$!; wait");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(dir.resolve(JobFolder.RUNNER_PID)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        JobFolder.Progress running = JobFolder.poll(dir, 0, 100);
        assertThat(running.running()).isTrue();
        assertThat(running.exit()).isNull();

        assertThat(JobFolder.stop(dir, Duration.ofSeconds(20))).as("stopped by SIGTERM, nothing left to kill").isZero();

        JobFolder.Progress ended = awaitExit();
        assertThat(ended.exit()).isEqualTo(143);
        assertThat(ended.running()).isFalse();
    }

    @Test
    void shouldKillWhatIgnoresTheTermSignalOnceTheGraceHasPassed() throws Exception {
        launch("trap '' TERM; sleep 300");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(dir.resolve(JobFolder.RUNNER_PID)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long runner = Long.parseLong(Files.readString(dir.resolve(JobFolder.RUNNER_PID)).strip());
        long start = System.nanoTime();

        int left = JobFolder.stop(dir, Duration.ofMillis(700));

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(700));
        assertThat(left).isGreaterThanOrEqualTo(1);
        long wrapper = Long.parseLong(Files.readString(dir.resolve(JobFolder.PID)).strip());
        for (long pid : new long[] {runner, wrapper}) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
        assertThat(JobFolder.poll(dir, 0, 100).running()).isFalse();
    }

    @Test
    void shouldReadRecordsOnePerLineSkippingBlankLines() throws Exception {
        BuildRecord r = BuildRecord.builder("id-1", "run-1", "core").start(Instant.EPOCH).status(BuildStatus.SUCCESS).build();
        String line = Json.mapper().writeValueAsString(r);

        assertThat(JobFolder.records(line + "\n\n  \n" + line + "\n")).hasSize(2).allSatisfy(x -> {
            assertThat(x.service()).isEqualTo("core");
            assertThat(x.status()).isEqualTo(BuildStatus.SUCCESS);
        });
        assertThat(JobFolder.records("")).isEmpty();
    }

    @Test
    void shouldWriteTheRefusalOfAJobThatIsNotOneAndExitWithTheUserErrorCode() throws Exception {
        Files.writeString(dir.resolve(JobFolder.JOB), "{\"format\": 9}");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        int exit = JobFolder.run(dir, Map.of(), null, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(JobFolder.USER_ERROR).isEqualTo(2);
        assertThat(dir.resolve(JobFolder.ERROR)).content().contains(dir.resolve(JobFolder.JOB).toString());
        assertThat(dir.resolve(JobFolder.RECORDS)).doesNotExist();
    }
}
