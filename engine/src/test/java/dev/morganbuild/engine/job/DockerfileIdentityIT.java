package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every image is built from its own Dockerfile, on the real engine, when two services' Dockerfiles
 * differ in content but have the same name, size and modification time (as a git checkout can leave
 * them). Docker 20.10's built-in BuildKit keeps the Dockerfile it received for a context keyed by name,
 * size and mtime; before each build got its own content-named copy, {@code b} was built from
 * {@code a}'s Dockerfile and recorded as a cached success.
 */
class DockerfileIdentityIT {
    @TempDir
    static Path dir;
    static String docker;
    static final Map<String, String> ENV = ExampleStack.dockerEnv();

    @BeforeAll
    static void setUp() {
        docker = ExampleStack.dockerOrFail(ENV);
    }

    /**
     * Two services a and b whose Dockerfiles differ only in the file they copy, with the same size and
     * the same nanosecond mtime; one shared context, or one context each.
     */
    static Path project(String name, boolean sharedContext) throws Exception {
        Path p = Files.createDirectories(dir.resolve(name));
        String salt = UUID.randomUUID().toString().substring(0, 8); // new to the layer cache
        StringBuilder compose = new StringBuilder("services:\n");
        FileTime mtime = FileTime.from(Instant.parse("2026-01-01T00:00:00.123456789Z"));
        for (String s : List.of("a", "b")) {
            Path context = sharedContext ? p : Files.createDirectories(p.resolve("ctx-" + s));
            Files.writeString(context.resolve("who-" + s), s + " " + salt + "\n");
            Path dockerfile = Files.createDirectories(context.resolve("services/" + s)).resolve("Dockerfile");
            Files.writeString(dockerfile, "FROM morgan/debian:bookworm\nCOPY who-" + s + " /srv/who\n");
            Files.setLastModifiedTime(dockerfile, mtime);
            compose.append("  ").append(s).append(":\n    build: {context: ").append(sharedContext ? "." : "ctx-" + s)
                    .append(", dockerfile: services/").append(s).append("/Dockerfile}\n    image: morgan-identity/")
                    .append(name).append('-').append(s).append(":").append(salt).append('\n');
        }
        Files.writeString(p.resolve("docker-compose.yml"), compose.toString());
        return p.resolve("docker-compose.yml");
    }

    static List<BuildRecord> build(Path compose, String selection, int parallelism) throws Exception {
        StackRequest r = StackRequest.builder().workingDir(compose.getParent()).composeFile(compose).env(ENV)
                .docker(docker).node("it-node").selection(selection).parallelism(parallelism)
                .cacheRoot(dir.resolve("cache")).noHistory().build();
        return BuildService.local().build(r, null).records();
    }

    static String who(BuildRecord r) throws Exception {
        Process p = new ProcessBuilder(docker, "run", "--rm", "--network", "host", "--entrypoint", "cat", r.imageId(),
                "/srv/who").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.split(" ")[0];
    }

    static void assertEachImageHoldsItsOwnServicesFiles(List<BuildRecord> records) throws Exception {
        assertThat(records).hasSize(2);
        for (BuildRecord r : records) {
            assertThat(r.status()).as(r.service() + ": " + r.error()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(who(r)).as("the image of " + r.service()).isEqualTo(r.service());
            assertThat(r.dockerfileDigest()).startsWith("sha256:");
        }
        assertThat(records.get(0).dockerfileDigest()).isNotEqualTo(records.get(1).dockerfileDigest());
    }

    @Test
    void shouldBuildEachServiceFromItsOwnDockerfileOneAfterAnotherFromOneContext() throws Exception {
        Path compose = project("shared-sequential", true);
        List<BuildRecord> a = build(compose, "a", 1);
        List<BuildRecord> b = build(compose, "b", 1);

        assertEachImageHoldsItsOwnServicesFiles(List.of(a.get(0), b.get(0)));
    }

    @Test
    void shouldBuildEachServiceFromItsOwnDockerfileInParallelFromOneContext() throws Exception {
        assertEachImageHoldsItsOwnServicesFiles(build(project("shared-parallel", true), "a,b", 2));
    }

    @Test
    void shouldBuildEachServiceFromItsOwnDockerfileFromTwoContexts() throws Exception {
        Path compose = project("separate", false);
        List<BuildRecord> a = build(compose, "a", 1);
        List<BuildRecord> b = build(compose, "b", 1);
        assertEachImageHoldsItsOwnServicesFiles(List.of(a.get(0), b.get(0)));

        assertEachImageHoldsItsOwnServicesFiles(build(project("separate-parallel", false), "a,b", 2));
    }
}
