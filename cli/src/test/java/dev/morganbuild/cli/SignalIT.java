package dev.morganbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM to a running `morgan build` (the real CLI jar, a real engine): it stops its
 * docker build process, BuildKit cancels the running step, the scratch folder is removed, it exits
 * with 130, and the next build succeeds.
 */
class SignalIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void shouldStopTheDockerBuildAndCleanUpOnSignal(String signal) throws Exception {
        String salt = UUID.randomUUID().toString().substring(0, 8);
        String marker = "sleep " + (5000 + Math.abs(salt.hashCode() % 900));
        Path project = Files.createDirectories(dir.resolve("p"));
        Files.writeString(project.resolve("Dockerfile"), "FROM morgan/debian:bookworm\nENV SALT=" + salt + "\nRUN " + marker + "\n");
        Files.writeString(project.resolve("docker-compose.yml"), "services:\n  slow:\n    build: .\n"
                + "    image: morgan-signal/slow:" + salt + "\n");
        Path jar = Path.of("target/morgan-all.jar").toAbsolutePath();
        Path log = dir.resolve("cli.log");
        // a temporary folder of its own: other builds on the machine make morgan-build- folders too
        Path scratch = Files.createDirectories(dir.resolve("tmp"));
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + scratch, "-jar", jar.toString(), "build", "slow", "-f", project.resolve("docker-compose.yml").toString(),
                "--cache-root", dir.resolve("cache").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitProcess(marker, 180);
            try (Stream<Path> tmp = Files.list(scratch)) {
                assertThat(tmp.map(p -> p.getFileName().toString())).as("the build's scratch folder, while it builds")
                        .anyMatch(n -> n.startsWith("morgan-build-"));
            }
            List<ProcessHandle> dockerClients = cli.toHandle().descendants().toList();
            assertThat(dockerClients).as("the CLI's docker build process").isNotEmpty();

            new ProcessBuilder("kill", "-" + signal, String.valueOf(cli.pid())).start().waitFor();

            assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as("CLI exits after SIG" + signal).isTrue();
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(cli.exitValue()).as(out).isEqualTo(MorganCli.INTERRUPTED);
            assertThat(out).contains("interrupted");
            assertThat(dockerClients).noneMatch(ProcessHandle::isAlive);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!processes(marker).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(processes(marker)).as("BuildKit cancels the running RUN step").isEmpty();
            try (Stream<Path> tmp = Files.list(scratch)) {
                assertThat(tmp.filter(p -> p.getFileName().toString().startsWith("morgan-build-")).toList())
                        .as("scratch folders left").isEmpty();
            }
        } finally {
            cli.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
            processes(marker).forEach(ProcessHandle::destroyForcibly);
        }

        Files.writeString(project.resolve("Dockerfile"), "FROM morgan/debian:bookworm\nENV SALT=" + salt + "\nRUN true\n");
        CliRun again = CliRun.of("build", "slow", "-f", project.resolve("docker-compose.yml").toString(),
                "--cache-root", dir.resolve("cache").toString());
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        System.out.printf("signal test: SIG%s stopped the build, exit %d, no docker process, step cancelled, "
                + "scratch removed, next build succeeded%n", signal, MorganCli.INTERRUPTED);
    }

    private static List<ProcessHandle> processes(String text) {
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> {
            if (h.info().commandLine().orElse("").contains(text) && h.pid() != ProcessHandle.current().pid()) {
                out.add(h);
            }
        });
        return out;
    }

    private static void awaitProcess(String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (processes(text).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no process running '" + text + "' after " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }
}
