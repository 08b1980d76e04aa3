package dev.morganbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end with the real BuildKit engine: build cold, build warm, report. */
class MorganCliIT {
    @Test
    void shouldBuildTwiceAndWriteAReportShowingTheWarmBuildFullyCached(@TempDir Path dir) throws Exception {
        Path stack = copyExample(dir.resolve("stack"));
        String compose = stack.resolve("docker-compose.yml").toString();
        String cache = dir.resolve("cache").toString();

        CliRun cold = CliRun.of("build", "core", "-f", compose, "--cache-root", cache, "--smoke-test");
        CliRun warm = CliRun.of("build", "core", "-f", compose, "--cache-root", cache, "--json");
        CliRun report = CliRun.of("report", "-f", compose, "--cache-root", cache, "--out", dir.resolve("report").toString());

        assertThat(cold.exitCode()).as(cold.out() + cold.err()).isZero();
        assertThat(cold.out()).contains("SERVICE").contains("core").contains("cold").contains("smoke test");
        assertThat(warm.exitCode()).as(warm.out() + warm.err()).isZero();
        // the summary table writes durations as DurationText does: 101 ms, 12.4 s, 3 min 05 s
        assertThat(warm.out()).containsPattern("core\\s+[0-9][0-9.]* (ms|s|min)[^\\n]*?\\s(\\d+)/\\2\\s+warm");
        assertThat(report.exitCode()).as(report.err()).isZero();
        String html = Files.readString(dir.resolve("report/index.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("core");
        assertThat(dir.resolve("report/echarts.min.js")).exists();
    }

    @Test
    void shouldFailWithExitCodeOneWhenAServiceDoesNotBuild(@TempDir Path dir) throws Exception {
        Path stack = copyExample(dir.resolve("stack"));
        Path dockerfile = stack.resolve("services/llm/Dockerfile");
        Files.writeString(dockerfile, Files.readString(dockerfile).replace("/opt/venv/bin/python -m compileall -q /srv/llm", "sh -c 'echo deliberately broken; exit 3'"));

        CliRun run = CliRun.of("build", "llm", "-f", stack.resolve("docker-compose.yml").toString(),
                "--cache-root", dir.resolve("cache").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(MorganCli.BUILD_FAILED);
        assertThat(run.out()).contains("failed");
    }

    @Test
    void shouldExitFiveWithFailOnRegressionWhenAServiceIsOverItsBudget(@TempDir Path dir) throws Exception {
        Path stack = copyExample(dir.resolve("stack"));
        Path composeFile = stack.resolve("docker-compose.yml");
        // a cold build of core takes seconds; a one-second budget cannot hold
        Files.writeString(composeFile, Files.readString(composeFile).replace("  budget: 10m\n", "  budget: 1s\n"));
        String compose = composeFile.toString();
        String cache = dir.resolve("cache").toString();

        CliRun gated = CliRun.of("build", "core", "-f", compose, "--cache-root", cache, "--fail-on-regression");
        CliRun ungated = CliRun.of("build", "core", "-f", compose, "--cache-root", cache, "--no-cache");

        assertThat(gated.exitCode()).as(gated.out() + gated.err()).isEqualTo(MorganCli.GATE_FAILED);
        assertThat(gated.out()).containsPattern("GATE core took [0-9.]+ s, over its x-morgan budget of 1.0 s");
        assertThat(ungated.exitCode()).as("over budget without the gate: a warning, exit 0\n" + ungated.out())
                .isZero();
        assertThat(ungated.out()).doesNotContain("GATE").contains("over its x-morgan budget");
    }

    static Path copyExample(Path dest) throws Exception {
        Path src = Path.of("../examples/morgan-stack").toAbsolutePath().normalize();
        String salt = UUID.randomUUID().toString();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = dest.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (p.getFileName().toString().equals("Dockerfile")) {
                    Files.writeString(to, Files.readString(p).replaceFirst("(?m)^(FROM .* AS base)$",
                            "$1\nENV MORGAN_IT_SALT=" + salt));
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return dest;
    }
}
