package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.plan.Selection;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push and the registry cache against a real registry with auth (Debian's docker-registry on loopback),
 * on the engine's built-in BuildKit: a push without credentials is refused and the record kept; with
 * them every tag's digest is recorded and is the registry's; an empty second engine builds from the
 * registry cache with every step cached, logged in or with a registry credentials file; a wrong password
 * on import is a warning, not a silent cold build. A credentials file reaches docker as a private config
 * that lives only while the build runs.
 */
class RegistryIT {
    @TempDir
    static Path dir;
    static String docker;
    static TestRegistry registry;
    static final String SALT = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void setUp() throws Exception {
        docker = ExampleStack.dockerOrFail(ExampleStack.dockerEnv());
        registry = TestRegistry.start(dir.resolve("registry"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    static Path project(String name, boolean registryCache) throws Exception {
        Path p = Files.createDirectories(dir.resolve(name));
        for (String s : List.of("a", "b")) {
            Files.writeString(p.resolve(s + ".Dockerfile"), """
                    FROM morgan/debian:bookworm
                    RUN echo %1$s > /salt
                    RUN echo %2$s > /service && sleep 1
                    COPY %2$s.Dockerfile /srv/
                    """.formatted(SALT + name, s));
        }
        String cache = registryCache ? "x-morgan:\n  cache:\n    mode: registry\n    ref: " + registry.address()
                + "/cache-" + SALT + "\n" : "";
        Files.writeString(p.resolve("docker-compose.yml"), cache + """
                services:
                  a:
                    build: {context: ., dockerfile: a.Dockerfile}
                    image: morgan-registry/a:%1$s
                  b:
                    build: {context: ., dockerfile: b.Dockerfile}
                    image: morgan-registry/b:%1$s
                """.formatted(name));
        return p.resolve("docker-compose.yml");
    }

    static StackBuildResult build(Path compose, Map<String, String> env, boolean push, String cacheRoot) throws Exception {
        return build(compose, env, push, cacheRoot, m -> { });
    }

    static StackBuildResult build(Path compose, Map<String, String> env, boolean push, String cacheRoot,
                                  java.util.function.Consumer<String> heard) throws Exception {
        return build(compose, env, push, cacheRoot, heard, List.of(), new LocalCommandRunner());
    }

    static StackBuildResult build(Path compose, Map<String, String> env, boolean push, String cacheRoot,
                                  java.util.function.Consumer<String> heard, List<RegistryLogin> logins,
                                  CommandRunner runner) throws Exception {
        List<String> messages = new ArrayList<>();
        return BuildService.with(runner).build(StackRequest.builder().workingDir(compose.getParent())
                .composeFile(compose).env(env).docker(docker).node("it").selection(Selection.all()).parallelism(2)
                .cacheRoot(dir.resolve(cacheRoot)).noHistory().push(push).registry(push ? registry.address() : null)
                .registryLogins(logins).build(), new BuildListener() {
                    @Override
                    public void message(String service, String text) {
                        messages.add(service + ": " + text);
                        heard.accept(text);
                    }
                });
    }

    static Map<String, String> env(Path dockerConfig, String dockerHost) {
        Map<String, String> env = new LinkedHashMap<>(ExampleStack.dockerEnv());
        env.put("DOCKER_CONFIG", dockerConfig.toString());
        if (dockerHost != null) {
            env.put("DOCKER_HOST", dockerHost);
        }
        return env;
    }

    /** The digest the registry holds for a repository:tag (HEAD of its manifest, with the test's credentials). */
    static String registryDigest(String repository, String tag) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://" + registry.address() + "/v2/" + repository
                + "/manifests/" + tag).toURL().openConnection();
        c.setRequestMethod("HEAD");
        c.setRequestProperty("Accept", "application/vnd.docker.distribution.manifest.v2+json");
        c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (TestRegistry.USER + ":" + TestRegistry.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(c.getResponseCode()).as(repository + ":" + tag + " in the registry").isEqualTo(200);
        return c.getHeaderField("Docker-Content-Digest");
    }

    @Test
    void shouldRefuseAPushWithoutCredentialsAndRecordTheDigestsWithThem() throws Exception {
        Path compose = project("push", false);

        StackBuildResult refused = build(compose, env(Files.createDirectories(dir.resolve("no-login")), null), true,
                "cache-push");
        assertThat(refused.records()).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(BuildStatus.FAILED);
            assertThat(r.error()).contains("push of " + registry.address() + "/morgan-registry/" + r.service())
                    .contains("no basic auth credentials").contains("docker login");
            assertThat(r.imageId()).as("the build itself is kept").startsWith("sha256:");
            assertThat(r.pushed()).isEmpty();
        });

        Path login = registry.login(docker, dir.resolve("login"), null);
        StackBuildResult pushed = build(compose, env(login, null), true, "cache-push");
        assertThat(pushed.records()).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).as(r.error()).isEqualTo(BuildStatus.SUCCESS);
            String tag = registry.address() + "/morgan-registry/" + r.service() + ":push";
            assertThat(r.pushed()).singleElement().asString().startsWith(tag + "@sha256:");
            assertThat(r.digest()).matches("sha256:[0-9a-f]{64}");
            try {
                assertThat(registryDigest("morgan-registry/" + r.service(), "push")).isEqualTo(r.digest());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        System.out.printf("registry push: refused without credentials (%s), with them: %s%n",
                refused.records().get(0).error().lines().findFirst().orElse(""),
                pushed.records().stream().flatMap(r -> r.pushed().stream()).toList());
    }

    @Test
    void shouldPushWithACredentialsFileGivenToDockerOnlyForTheBuild() throws Exception {
        Path compose = project("file", false);
        // the user's own config: no credentials, but settings that must survive, and a plugin folder
        Path user = Files.createDirectories(dir.resolve("file-user-config"));
        String userConfig = "{\"auths\": {}, \"psFormat\": \"table {{.ID}}\"}";
        Files.writeString(user.resolve("config.json"), userConfig);
        Files.createDirectories(user.resolve("cli-plugins"));
        Path creds = dir.resolve("registry-credentials.json");
        Files.writeString(creds, "{\"registry\": \"" + registry.address() + "\", \"username\": \"" + TestRegistry.USER
                + "\", \"password\": \"" + TestRegistry.PASSWORD + "\"}");
        Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-------"));
        List<String> heard = new ArrayList<>();

        StackBuildResult refused = build(compose, env(user, null), true, "cache-file", heard::add, List.of(),
                new LocalCommandRunner());
        assertThat(refused.records()).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(BuildStatus.FAILED);
            assertThat(r.error()).contains("no basic auth credentials");
        });

        // every docker command of the build runs with the private config, seen while it exists
        List<String> seen = new ArrayList<>();
        CommandRunner local = new LocalCommandRunner();
        CommandRunner watching = (command, sink) -> {
            String config = command.env().get("DOCKER_CONFIG");
            if (command.argv().contains("push")) {
                Path d = Path.of(config);
                seen.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(d)) + " "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("config.json"))) + " "
                        + Files.isDirectory(d.resolve("cli-plugins")) + " "
                        + Files.readString(d.resolve("config.json")).contains("psFormat"));
            }
            assertThat(String.join(" ", command.argv())).doesNotContain(TestRegistry.PASSWORD);
            return local.run(command, sink);
        };
        List<RegistryLogin> logins = RegistryCredentialsFile.read(creds);
        StackBuildResult pushed = build(compose, env(user, null), true, "cache-file", heard::add, logins, watching);
        assertThat(pushed.records()).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).as(r.error()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(r.pushed()).singleElement().asString()
                    .startsWith(registry.address() + "/morgan-registry/" + r.service() + ":file@sha256:");
            try {
                assertThat(registryDigest("morgan-registry/" + r.service(), "file")).isEqualTo(r.digest());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(seen).hasSize(2).containsOnly("rwx------ rw------- true true");

        Path wrongFile = Files.writeString(dir.resolve("wrong-credentials.json"), "{\"auths\": {\"" + registry.address()
                + "\": {\"username\": \"" + TestRegistry.USER + "\", \"password\": \"not-" + TestRegistry.PASSWORD + "\"}}}");
        StackBuildResult wrong = build(compose, env(user, null), true, "cache-file", heard::add,
                RegistryCredentialsFile.read(wrongFile), new LocalCommandRunner());
        assertThat(wrong.records()).allSatisfy(r -> assertThat(r.error())
                .contains("refused the user name and password of the registry credentials file"));

        assertThat(user.resolve("config.json")).as("the user's config is never written").hasContent(userConfig);
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> Files.exists(p.resolve(PrivateDockerConfig.FOLDER))).toList())
                    .as("no private docker config outlives its build").isEmpty();
        }
        for (StackBuildResult result : List.of(refused, pushed, wrong)) {
            for (BuildRecord r : result.records()) {
                assertThat(String.valueOf(r.error()) + r.warnings() + r.pushed()).doesNotContain(TestRegistry.PASSWORD);
            }
        }
        assertThat(heard).noneMatch(m -> m.contains(TestRegistry.PASSWORD));
        System.out.printf("registry credentials file: refused without it (%s); with it: %s%n",
                refused.records().get(0).error().lines().findFirst().orElse(""),
                pushed.records().stream().flatMap(r -> r.pushed().stream()).toList());
    }

    @Test
    void shouldBuildAnEmptyEngineFromTheRegistryCacheAndWarnWhenTheImportFails() throws Exception {
        Path compose = project("cache", true);
        Path login = registry.login(docker, dir.resolve("login-cache"), null);
        StackBuildResult first = build(compose, env(login, null), false, "cache-1");
        assertThat(first.records()).allSatisfy(r -> {
            assertThat(r.status()).as(r.error()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(r.warnings()).noneMatch(w -> w.contains("registry cache"));
        });
        String exported = registryDigest("cache-" + SALT + "/a", "cache");
        assertThat(exported).startsWith("sha256:");

        try (SecondEngine other = SecondEngine.start(dir.resolve("engine-2"), docker)) {
            // a wrong password: the build goes on without the cache, and says so
            StackBuildResult wrong = build(compose, env(registry.wrongLogin(dir.resolve("wrong")), other.host()), false,
                    "cache-2");
            assertThat(wrong.records()).allSatisfy(r -> {
                assertThat(r.status()).as(r.error()).isEqualTo(BuildStatus.SUCCESS);
                assertThat(r.stepsCached()).isZero();
                assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("registry cache could not be read")
                        .contains("401"));
            });
            pruneAll(other.host());

            List<List<String>> pushes = new java.util.concurrent.CopyOnWriteArrayList<>();
            CommandRunner local = new LocalCommandRunner();
            StackBuildResult warm = build(compose, env(registry.login(docker, dir.resolve("login-2"), other.host()),
                    other.host()), false, "cache-3", m -> { }, List.of(), (command, sink) -> {
                        if (command.argv().contains("push")) {
                            pushes.add(command.argv());
                        }
                        return local.run(command, sink);
                    });
            for (BuildRecord r : warm.records()) {
                assertThat(r.status()).as(r.error()).isEqualTo(BuildStatus.SUCCESS);
                assertThat(r.stepsCached()).as(r.service() + ": steps from the registry cache").isEqualTo(r.stepsTotal());
            }
            // Docker 20.10 would push back a cache missing what came from the other service's import
            assertThat(pushes).as("a build that read the registry cache and ran no step pushes no cache back").isEmpty();
            assertThat(registryDigest("cache-" + SALT + "/a", "cache")).isEqualTo(exported);
            // the same import with a credentials file, the client's own config knowing no registry
            pruneAll(other.host());
            Path creds = Files.writeString(dir.resolve("cache-credentials.json"), "{\"auths\": {\"" + registry.address()
                    + "\": {\"auth\": \"" + Base64.getEncoder().encodeToString((TestRegistry.USER + ":"
                    + TestRegistry.PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\"}}}");
            StackBuildResult fromFile = build(compose, env(Files.createDirectories(dir.resolve("no-login-2")),
                    other.host()), false, "cache-4", m -> { }, RegistryCredentialsFile.read(creds),
                    new LocalCommandRunner());
            for (BuildRecord r : fromFile.records()) {
                assertThat(r.status()).as(r.error()).isEqualTo(BuildStatus.SUCCESS);
                assertThat(r.warnings()).noneMatch(w -> w.contains("registry cache"));
                assertThat(r.stepsCached()).as(r.service() + ": steps from the registry cache, credentials file")
                        .isEqualTo(r.stepsTotal());
            }
            System.out.printf("registry cache: empty engine, wrong password: %d/%d steps cached, warned; "
                    + "logged in: %s%n", wrong.records().get(0).stepsCached(), wrong.records().get(0).stepsTotal(),
                    warm.records().stream().map(r -> r.service() + " " + r.stepsCached() + "/" + r.stepsTotal()
                            + " cached in " + r.durationMillis() + " ms").toList());
        }
    }

    @Test
    void shouldRetryABaseImagePullThatTheRegistryRefusesWithTooManyRequests() throws Exception {
        Path login = registry.login(docker, dir.resolve("login-retry"), null);
        String base = registry.address() + "/base-" + SALT + "/debian:bookworm";
        run(login, docker, "tag", "morgan/debian:bookworm", base);
        run(login, docker, "push", base);
        run(login, docker, "rmi", base);
        try (FlakyRegistryProxy proxy = FlakyRegistryProxy.start(registry.address())) {
            registry.loginTo(docker, login, proxy.address());
            Path p = Files.createDirectories(dir.resolve("retry"));
            String from = proxy.address() + "/base-" + SALT + "/debian:bookworm";
            Files.writeString(p.resolve("Dockerfile"), "FROM " + from + "\nRUN echo " + SALT + " > /retry\n");
            Files.writeString(p.resolve("docker-compose.yml"),
                    "services:\n  r:\n    build: .\n    image: morgan-registry/r:retry\n");

            // the registry refuses until morgan-build says it will try again (BuildKit itself asks a few times)
            StackBuildResult result = build(p.resolve("docker-compose.yml"), env(login, null), false, "cache-retry",
                    m -> {
                        if (m.contains("trying again")) {
                            proxy.refusing = false;
                        }
                    });

            BuildRecord r = result.records().get(0);
            assertThat(r.status()).as(r.error()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(proxy.refused.get()).as("429 answers given").isPositive();
            assertThat(r.warnings()).filteredOn(w -> w.contains("trying again")).isNotEmpty()
                    .allSatisfy(w -> assertThat(w).contains("429").contains("load metadata for " + from));
            System.out.printf("pull retry: %d answers of 429 Too Many Requests, %s; built after %d ms%n",
                    proxy.refused.get(), r.warnings().stream().filter(w -> w.contains("trying again")).toList(),
                    r.durationMillis());
        } finally {
            run(login, docker, "rmi", "-f", base);
        }
    }

    static void run(Path dockerConfig, String... argv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("DOCKER_CONFIG", dockerConfig.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 && !argv[1].equals("rmi")) {
            throw new AssertionError(String.join(" ", argv) + ": " + out);
        }
    }

    /** Empties an engine's build cache and images, as a new agent has them (the base image stays). */
    static void pruneAll(String host) throws Exception {
        for (List<String> argv : List.of(List.of(docker, "builder", "prune", "-af"),
                List.of(docker, "image", "prune", "-af", "--filter", "label=" + BuildRecord.DOCKERFILE_LABEL))) {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
            pb.environment().put("DOCKER_HOST", host);
            Process p = pb.start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor()).as(String.join(" ", argv)).isZero();
        }
    }
}
