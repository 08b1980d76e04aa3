package dev.morganbuild.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.dockerfile.DockerfileInfo;
import dev.morganbuild.engine.MorganException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compose files and Dockerfiles are UTF-8 text in regular files; anything else is refused, at the first
 * bad byte, or before reading a device or pipe.
 */
class EncodingTest {
    @TempDir
    Path dir;

    private static final String COMPOSE = "services:\n  app:\n    build:\n      context: app\n"
            + "      labels:\n        note: \"caf\u00e9 \u2014 \uD83D\uDE80\"\n";

    @Test
    void utf8WithAndWithoutByteOrderMarkParses() throws Exception {
        Path compose = Fixture.project(dir, COMPOSE);
        assertThat(Fixture.parse(compose).service("app").build().labels()).containsEntry("note", "caf\u00e9 \u2014 \uD83D\uDE80");
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bom.writeBytes(COMPOSE.getBytes(StandardCharsets.UTF_8));
        Files.write(compose, bom.toByteArray());
        assertThat(Fixture.parse(compose).service("app").build().labels()).containsEntry("note", "caf\u00e9 \u2014 \uD83D\uDE80");
    }

    @Test
    void utf16WithByteOrderMarkParses() throws Exception {
        Path compose = Fixture.project(dir, COMPOSE);
        Files.write(compose, ("\uFEFF" + COMPOSE).getBytes(StandardCharsets.UTF_16LE));
        assertThat(Fixture.parse(compose).service("app").name()).isEqualTo("app");
    }

    @Test
    void latin1ComposeFileIsRefusedAtTheByte() throws Exception {
        Path compose = Fixture.project(dir, COMPOSE);
        Files.write(compose, COMPOSE.replace(" \u2014 \uD83D\uDE80", "").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Fixture.parse(compose))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.file()).isEqualTo(compose.toString());
                    assertThat(e.line()).isEqualTo(6);
                    assertThat(e.column()).isEqualTo(19);
                    assertThat(e.problem()).contains("not valid UTF-8", "0xE9");
                    assertThat(e.hint()).contains("save the file as UTF-8");
                });
    }

    @Test
    void truncatedCharacterAtTheEndIsRefused() throws Exception {
        Path compose = Fixture.project(dir, COMPOSE);
        byte[] full = COMPOSE.getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 3); // inside the rocket's 4 bytes, before '"\n'
        Files.write(compose, cut);
        assertThatThrownBy(() -> Fixture.parse(compose))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.line()).isEqualTo(6);
                    assertThat(e.problem()).contains("not valid UTF-8");
                });
    }

    @Test
    void dockerfileThatIsNotUtf8IsRefusedWithLineAndColumn() throws Exception {
        Path dockerfile = dir.resolve("Dockerfile");
        Files.write(dockerfile, "FROM debian:bookworm\nLABEL a=\"\u00fc\"\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> DockerfileInfo.parse(dockerfile, Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.file()).isEqualTo(dockerfile.toString());
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(10);
                    assertThat(e.problem()).contains("a Dockerfile is not valid UTF-8", "0xFC");
                });
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void composeFileThatIsADeviceOrAPipeIsRefusedWithoutReadingIt() throws Exception {
        Fixture.project(dir, COMPOSE);
        Path device = Files.createSymbolicLink(dir.resolve("zero.yml"), Path.of("/dev/zero")); // endless
        Path pipe = dir.resolve("pipe.yml");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero(); // blocks a reader
        for (Path compose : java.util.List.of(device, pipe, dir.resolve("app"))) {
            assertThatThrownBy(() -> ComposeParser.parse(compose, dir, Map.of()))
                    .isInstanceOfSatisfying(MorganException.class, e -> {
                        assertThat(e.file()).isEqualTo(compose.toString());
                        // the link to /dev/zero already leads out of the project
                        assertThat(e.problem()).contains(compose == device ? "outside the trust root"
                                : "not a regular file");
                    });
        }
        // the device itself, as a command line may name it
        assertThatThrownBy(() -> ComposeParser.parse(Path.of("/dev/zero"), Path.of("/dev"), Map.of()))
                .isInstanceOfSatisfying(MorganException.class, e -> assertThat(e.problem()).contains("not a regular file"));
    }

    @Test
    void composeFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        Path compose = Fixture.project(dir, COMPOSE);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(compose.toFile(), "rw")) {
            f.setLength(ComposeFileReader.MAX_BYTES + 1); // sparse: nothing is written, nothing may be read
        }
        assertThatThrownBy(() -> Fixture.parse(compose))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.file()).isEqualTo(compose.toString());
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.problem()).contains("larger than 32 MB");
                    assertThat(e.hint()).contains("under 8 MB");
                });
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void dockerfileThatIsAPipeIsRefusedAtTheComposeLineWithoutReadingIt() throws Exception {
        Path compose = Fixture.project(dir, COMPOSE.replace("      labels:", "      dockerfile: Pipefile\n      labels:"));
        assertThat(new ProcessBuilder("mkfifo", dir.resolve("app/Pipefile").toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> Fixture.parse(compose))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.file()).isEqualTo(compose.toString());
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.problem()).contains("'Pipefile' is not a file");
                });
    }
}
