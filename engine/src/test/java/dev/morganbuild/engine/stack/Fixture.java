package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writes small projects into a temp directory and checks the located errors they cause. */
final class Fixture {
    static final String CPU_DOCKERFILE = "FROM debian:bookworm AS base\nRUN true\nFROM base AS app\nCOPY . /src\n";

    private Fixture() {
    }

    static Path write(Path dir, String relative, String content) {
        try {
            Path p = dir.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A project with {@code app/Dockerfile} and the given compose text; returns the compose file. */
    static Path project(Path dir, String compose) {
        write(dir, "app/Dockerfile", CPU_DOCKERFILE);
        return write(dir, "docker-compose.yml", compose);
    }

    static Stack parse(Path compose) {
        return ComposeParser.parse(compose, compose.getParent(), Map.of());
    }

    /** Asserts a MorganException at file:line:column whose problem contains {@code problem} and that has a hint. */
    static MorganException assertError(ThrowableAssert.ThrowingCallable call, Path file, int line, int column,
                                       String problem) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> {
            try {
                call.call();
            } catch (Throwable t) {
                caught[0] = t;
                throw t;
            }
        }).isInstanceOf(MorganException.class)
                .satisfies(t -> {
                    MorganException e = (MorganException) t;
                    org.assertj.core.api.Assertions.assertThat(e.problem()).contains(problem);
                    org.assertj.core.api.Assertions.assertThat(e.file()).isEqualTo(file.toString());
                    org.assertj.core.api.Assertions.assertThat(new int[] {e.line(), e.column()})
                            .as("line, column of: " + e.getMessage()).containsExactly(line, column);
                    org.assertj.core.api.Assertions.assertThat(e.hint()).isNotBlank();
                });
        return (MorganException) caught[0];
    }

    /** The example stack of the repository, copied into {@code dir}. */
    static Path exampleStack(Path dir) {
        Path src = Path.of("").toAbsolutePath();
        while (src != null && !Files.isDirectory(src.resolve("examples/morgan-stack"))) {
            src = src.getParent();
        }
        if (src == null) {
            throw new IllegalStateException("examples/morgan-stack not found above " + Path.of("").toAbsolutePath());
        }
        Path from = src.resolve("examples/morgan-stack");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = dir.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve("docker-compose.yml");
    }
}
