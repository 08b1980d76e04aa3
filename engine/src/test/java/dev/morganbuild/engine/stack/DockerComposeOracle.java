package dev.morganbuild.engine.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's {@code docker-compose} 1.29.2 as the differential ITs' reference reader: found once, run as
 * {@code docker-compose config} on a case's copy with only the case's environment.
 */
final class DockerComposeOracle {
    private final Path dockerCompose;
    private final Path tmp;

    private DockerComposeOracle(Path dockerCompose, Path tmp) {
        this.dockerCompose = dockerCompose;
        this.tmp = tmp;
    }

    /** {@code MORGAN_DOCKER_COMPOSE}, else /usr/bin/docker-compose; fails (never skips) without one. */
    static DockerComposeOracle find(Path tmp) {
        String given = System.getenv("MORGAN_DOCKER_COMPOSE");
        Path p = Path.of(given != null && !given.isBlank() ? given : "/usr/bin/docker-compose");
        if (!Files.isExecutable(p)) {
            fail("docker-compose not found at " + p + ": install Debian's docker-compose (apt-get install docker-compose; "
                    + "scripts/test.sh does) or set MORGAN_DOCKER_COMPOSE");
        }
        return new DockerComposeOracle(p, tmp);
    }

    /** {@code docker-compose config}'s output for case {@code c} copied to {@code root}. */
    String config(CorpusCase c, Path root) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(dockerCompose.toString()));
        c.files().forEach(f -> argv.addAll(List.of("-f", f)));
        c.envFiles().forEach(f -> argv.addAll(List.of("--env-file", f)));
        c.profiles().forEach(p -> argv.addAll(List.of("--profile", p)));
        argv.add("config");
        ProcessBuilder pb = new ProcessBuilder(argv).directory(root.resolve(c.dir()).toFile());
        Map<String, String> env = pb.environment();
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.putAll(c.env());
        Path out = Files.createTempFile(tmp, "config", ".yml");
        Path err = Files.createTempFile(tmp, "config", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("docker-compose config did not finish in 60 s in " + root);
        }
        if (p.exitValue() != 0) {
            fail("docker-compose config failed in " + root + ": " + Files.readString(err));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A case's folder copied to {@code to}, where the readers may change it. */
    static Path copy(Path from, Path to) {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
