package dev.morganbuild.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's edits to its copy of the example stack. */
class BenchStackTest {
    private static final Path EXAMPLE = Path.of("../examples/morgan-stack/docker-compose.yml").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void shouldSaltEveryDockerfileAndLeaveTheOriginalUntouched() throws Exception {
        BenchStack stack = BenchStack.copy(EXAMPLE, dir.resolve("copy"), "s4lt");

        for (String s : stack.serviceNames()) {
            String df = Files.readString(stack.service(s).build().dockerfile());
            assertThat(df).contains("ENV MORGAN_BENCH_SALT=s4lt");
            assertThat(stack.service(s).build().dockerfile()).startsWith(dir);
        }
        assertThat(Files.readString(EXAMPLE.getParent().resolve("core/Dockerfile"))).doesNotContain("MORGAN_BENCH_SALT");
    }

    @Test
    void shouldChangeCodeInTheFolderTheLastCopyTakes() throws Exception {
        BenchStack stack = BenchStack.copy(EXAMPLE, dir.resolve("copy"), "x");

        stack.codeChange("tts", 7);

        assertThat(Files.readString(dir.resolve("copy/services/tts/app/morgan_bench_edit.py"))).isEqualTo("EDIT = 7\n");
    }

    @Test
    void shouldAddOnePackageAndStripCacheMountsOnlyWhenAsked() throws Exception {
        BenchStack stack = BenchStack.copy(EXAMPLE, dir.resolve("copy"), "x");
        Path df = stack.service("tts").build().dockerfile();

        stack.dependencyChange("tts", "jq", "n1");
        String withMounts = Files.readString(df);
        stack.withoutCacheMounts(true);
        stack.dependencyChange("tts", "jq", "n2");
        String without = Files.readString(df);
        stack.restoreDockerfile("tts");

        assertThat(withMounts).contains("apt-get install -y --no-install-recommends jq python3")
                .contains("&& true morgan-bench-n1").contains("--mount=type=cache,target=/var/cache/apt");
        assertThat(without).doesNotContain("--mount=type=cache").contains("RUN apt-get update -qq && apt-get install -y "
                + "--no-install-recommends jq python3").contains("morgan-bench-n2")
                .contains("RUN tar -C /src --sort=name").contains("\"morgan-shared @ file:///tmp/morgan_shared-0.1.0.tar#sha256=");
        assertThat(Files.readString(df)).isEqualTo(Files.readString(df.resolveSibling("Dockerfile.bench-original")));
    }

    @Test
    void shouldSwitchTheDockerignoreOffAndBackOn() throws Exception {
        BenchStack stack = BenchStack.copy(EXAMPLE, dir.resolve("copy"), "x");

        stack.dockerignore(false);
        assertThat(dir.resolve("copy/.dockerignore")).doesNotExist();
        stack.dockerignore(true);
        assertThat(dir.resolve("copy/.dockerignore")).exists();
    }
}
