package dev.morganbuild.jenkins.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies the repository's example stack (../examples/morgan-stack) for pipeline tests. */
final class ExampleStackCopy {
    private ExampleStackCopy() {
    }

    static Path write(Path dest) throws IOException {
        Path src = Path.of("../examples/morgan-stack").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = dest.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return dest;
    }
}
