package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build run the way the Jenkins step runs it: a job folder, the wrapper started as a process that
 * returns at once (so the build outlives its starter), polled until it ends; and stopped half-way, which
 * kills the build's whole process tree, docker included.
 */
class DetachedJobIT {
    static final String SALT = UUID.randomUUID().toString().substring(0, 8);
    static final Map<String, String> ENV = ExampleStack.dockerEnv();

    @TempDir
    static Path dir;
    static String docker;

    @BeforeAll
    static void setUp() {
        docker = ExampleStack.dockerOrFail(ENV);
    }

    static Path project(String name, String run) throws IOException {
        Path p = Files.createDirectories(dir.resolve(name));
        Files.writeString(p.resolve("Dockerfile"), "FROM morgan/debian:bookworm\nRUN echo " + SALT + name + " && " + run
                + "\n");
        Files.writeString(p.resolve("docker-compose.yml"), """
                services:
                  app:
                    build: {context: .}
                    image: morgan-detached/%s:%s
                  other:
                    build: {context: .}
                    image: morgan-detached/other-%s:%s
                """.formatted(name, SALT, name, SALT));
        return p;
    }

    /** Writes the job and starts it detached; returns the job folder once the starter has returned. */
    static Path start(Path project, String selection, boolean oneService) throws Exception {
        Path jobDir = Files.createDirectories(project.resolveSibling(project.getFileName() + "@tmp").resolve("job"));
        StackRequest request = StackRequest.builder().workingDir(project).composeFile(project.resolve("docker-compose.yml"))
                .selection(selection).cacheRoot(dir.resolve("cache")).noHistory().node("agent-1").runId("it#1")
                .env(Map.of("FROM_PIPELINE", "yes")).build();
        Files.writeString(jobDir.resolve(JobFolder.JOB),
                AgentJob.of(request, List.of("FROM_PIPELINE"), List.of("docker"), false, oneService).toJson());
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), AgentJobMain.class.getName(), jobDir.toString());
        ProcessBuilder pb = new ProcessBuilder(JobFolder.launchArgv(jobDir.toString(), java)).redirectErrorStream(true);
        pb.environment().putAll(ENV);
        pb.environment().put("FROM_PIPELINE", "yes");
        Process starter = pb.start();
        assertThat(starter.waitFor()).as("the starter returns at once").isZero();
        return jobDir;
    }

    static JobFolder.Progress awaitEnd(Path jobDir, StringBuilder log, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        long offset = 0;
        while (System.nanoTime() < end) {
            JobFolder.Progress p = JobFolder.poll(jobDir, offset, 4096);
            log.append(new String(p.log(), StandardCharsets.UTF_8));
            offset = p.offset();
            if (p.exit() != null) {
                return p;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not end in " + limit + "; log so far:\n" + log);
    }

    @Test
    void shouldBuildDetachedAndLeaveTheRecordsInTheFolder() throws Exception {
        Path jobDir = start(project("ok", "true"), "app", true);
        StringBuilder log = new StringBuilder();

        JobFolder.Progress end = awaitEnd(jobDir, log, Duration.ofMinutes(3));

        assertThat(end.exit()).as(log.toString()).isZero();
        assertThat(end.running()).isFalse();
        List<BuildRecord> records = JobFolder.records(Files.readString(jobDir.resolve(JobFolder.RECORDS)));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.service()).isEqualTo("app");
            assertThat(r.status()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(r.node()).isEqualTo("agent-1");
        });
        assertThat(log).contains("[morgan] building app", "[morgan] app success");
        // read in pieces, the log is the whole file
        assertThat(log.toString()).isEqualTo(Files.readString(jobDir.resolve(JobFolder.LOG)));
    }

    @Test
    void shouldRefuseASelectionOfSeveralServicesWithTheReasonInTheFolder() throws Exception {
        Path jobDir = start(project("all", "true"), "all", true);

        JobFolder.Progress end = awaitEnd(jobDir, new StringBuilder(), Duration.ofMinutes(1));

        assertThat(end.exit()).isEqualTo(JobFolder.USER_ERROR);
        assertThat(Files.readString(jobDir.resolve(JobFolder.ERROR)))
                .contains("builds exactly one compose service", "'all' is a selection", "app, other");
        assertThat(jobDir.resolve(JobFolder.RECORDS)).doesNotExist();
    }

    @Test
    void shouldStopTheWholeProcessTreeDockerIncluded() throws Exception {
        Path jobDir = start(project("slow", "sleep 300"), "app", true);
        StringBuilder log = new StringBuilder();
        long offset = 0;
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!log.toString().contains("sleep 300") && System.nanoTime() < end) {
            JobFolder.Progress p = JobFolder.poll(jobDir, offset, 4096);
            log.append(new String(p.log(), StandardCharsets.UTF_8));
            offset = p.offset();
            Thread.sleep(100);
        }
        assertThat(log).as("docker reached the slow step").contains("sleep 300");
        List<ProcessHandle> tree = new ArrayList<>();
        long runner = Long.parseLong(Files.readString(jobDir.resolve(JobFolder.RUNNER_PID)).strip());
        ProcessHandle.of(runner).ifPresent(p -> {
            tree.add(p);
            p.descendants().forEach(tree::add);
        });
        assertThat(tree).as("java and its docker build").hasSizeGreaterThanOrEqualTo(2);

        long t0 = System.nanoTime();
        JobFolder.stop(jobDir, Duration.ofSeconds(20));

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(25));
        JobFolder.Progress after = awaitEnd(jobDir, log, Duration.ofSeconds(10));
        assertThat(after.exit()).isEqualTo(JobFolder.INTERRUPTED);
        assertThat(after.running()).isFalse();
    }
}
