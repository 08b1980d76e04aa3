package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The note of images whose Dockerfile label was read back, and its trimming. */
class VerifiedImagesTest {
    @TempDir
    Path dir;

    @Test
    void shouldKnowOnlyTheImageAndDigestPairsItWasTold() {
        VerifiedImages v = new VerifiedImages(dir);
        assertThat(v.has("sha256:1", "sha256:a")).isFalse();

        v.add("sha256:1", "sha256:a");

        assertThat(v.has("sha256:1", "sha256:a")).isTrue();
        assertThat(v.has("sha256:1", "sha256:b")).isFalse();
        assertThat(v.has("sha256:2", "sha256:a")).isFalse();
        assertThat(new VerifiedImages(dir).has("sha256:1", "sha256:a")).isTrue();
    }

    @Test
    void shouldTrimToTheNewestEntriesOnceItHoldsTwiceAsMany() throws Exception {
        VerifiedImages v = new VerifiedImages(dir);
        Path file = dir.resolve("engine-facts/verified-images");
        for (int i = 0; i < 2 * VerifiedImages.KEEP; i++) {
            v.add("sha256:" + i, "d");
        }
        assertThat(Files.readAllLines(file)).hasSize(2 * VerifiedImages.KEEP);

        v.add("sha256:last", "d");

        assertThat(Files.readAllLines(file)).hasSize(VerifiedImages.KEEP).last().isEqualTo("sha256:last d");
        assertThat(v.has("sha256:last", "d")).isTrue();
        assertThat(v.has("sha256:" + (VerifiedImages.KEEP + 1), "d")).isTrue();
        assertThat(v.has("sha256:" + VerifiedImages.KEEP, "d")).isFalse();
        assertThat(v.has("sha256:0", "d")).isFalse();
    }

    @Test
    void shouldAnswerNoAndNoteNothingWhenTheFileCannotBeUsed() throws Exception {
        Files.writeString(dir.resolve("engine-facts"), "a file where the folder should be");
        VerifiedImages v = new VerifiedImages(dir);

        v.add("sha256:1", "d");

        assertThat(v.has("sha256:1", "d")).isFalse();
        Files.delete(dir.resolve("engine-facts"));
        Files.createDirectories(dir.resolve("engine-facts/verified-images"));
        assertThat(v.has("sha256:1", "d")).isFalse();
    }
}
