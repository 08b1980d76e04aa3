package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.buildkit.EngineFacts;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.record.BuildRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading an image's Dockerfile label back after a build, and the verified-images note that spares it. */
class DockerfileCheckTest {
    static final String IMAGE = "sha256:" + "ab".repeat(32);
    static final String DIGEST = "sha256:" + "cd".repeat(32);

    @TempDir
    Path dir;

    final List<Command> calls = new ArrayList<>();

    BuildRun run() {
        StackRequest request = StackRequest.builder().docker("docker").cacheRoot(dir).noHistory().build();
        return new BuildRun(request, new EngineFacts("docker", Backend.BUILTIN, null), "engine",
                Map.of("DOCKER_HOST", "unix:///run/x.sock"), dir);
    }

    /** docker image inspect printing {@code line} and exiting with {@code exit}. */
    CommandRunner inspect(String line, int exit) {
        return (c, sink) -> {
            calls.add(c);
            if (line != null) {
                sink.line(line);
            }
            return exit;
        };
    }

    @Test
    void shouldAskDockerForTheLabelOnceAndTrustTheImageIdAfterwards() throws Exception {
        Path dockerfile = dir.resolve("core/Dockerfile");

        assertThat(DockerfileCheck.mismatch(inspect(DIGEST, 0), run(), IMAGE, DIGEST, dockerfile)).isNull();
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.argv()).containsExactly("docker", "image", "inspect", "--format",
                    "{{index .Config.Labels \"" + BuildRecord.DOCKERFILE_LABEL + "\"}}", IMAGE);
            assertThat(c.env()).containsEntry("DOCKER_HOST", "unix:///run/x.sock");
        });
        assertThat(Files.readAllLines(dir.resolve("engine-facts/verified-images"))).containsExactly(IMAGE + " " + DIGEST);

        assertThat(DockerfileCheck.mismatch(inspect("anything", 1), run(), IMAGE, DIGEST, dockerfile)).isNull();
        assertThat(calls).hasSize(1);
        // the same image with another expected digest is asked again
        assertThat(DockerfileCheck.mismatch(inspect(DIGEST, 0), run(), "sha256:" + "ef".repeat(32), DIGEST, dockerfile))
                .isNull();
        assertThat(calls).hasSize(2);
    }

    @Test
    void shouldFailAnImageWithAnotherLabelOrNoneNamingBothDigests() throws Exception {
        Path dockerfile = dir.resolve("core/Dockerfile");

        String other = DockerfileCheck.mismatch(inspect("  sha256:other  ", 0), run(), IMAGE, DIGEST, dockerfile);
        assertThat(other).startsWith("image " + IMAGE + " was not built from " + dockerfile + ": its label "
                + BuildRecord.DOCKERFILE_LABEL + " is 'sha256:other', the Dockerfile's digest is " + DIGEST
                + "; the engine used another Dockerfile.");

        String none = DockerfileCheck.mismatch(inspect("<no value>", 0), run(), IMAGE, DIGEST, dockerfile);
        assertThat(none).contains("is '', the Dockerfile's digest is " + DIGEST);
        String empty = DockerfileCheck.mismatch(inspect(null, 0), run(), IMAGE, DIGEST, dockerfile);
        assertThat(empty).contains("is '', the Dockerfile's digest is " + DIGEST);
        assertThat(dir.resolve("engine-facts/verified-images")).doesNotExist();
    }

    @Test
    void shouldReportAnImageWhoseLabelsCannotBeRead() throws Exception {
        Path dockerfile = dir.resolve("core/Dockerfile");

        assertThat(DockerfileCheck.mismatch(inspect("Error: No such image: " + IMAGE, 1), run(), IMAGE, DIGEST, dockerfile))
                .isEqualTo("cannot read the labels of image " + IMAGE + " to check that it was built from " + dockerfile
                        + " (docker image inspect exited with 1: Error: No such image: " + IMAGE + ")");
        assertThat(DockerfileCheck.mismatch(inspect(null, 125), run(), IMAGE, DIGEST, dockerfile))
                .isEqualTo("cannot read the labels of image " + IMAGE + " to check that it was built from " + dockerfile
                        + " (docker image inspect exited with 125)");
        CommandRunner gone = (c, sink) -> {
            throw new IOException("error=2, No such file or directory");
        };
        assertThat(DockerfileCheck.mismatch(gone, run(), IMAGE, DIGEST, dockerfile))
                .isEqualTo("cannot read the labels of image " + IMAGE + " to check that it was built from " + dockerfile
                        + ": error=2, No such file or directory");
    }
}
