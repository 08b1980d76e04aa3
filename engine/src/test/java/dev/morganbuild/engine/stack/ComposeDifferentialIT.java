package dev.morganbuild.engine.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * morgan's reading of every project under {@code compose-corpus/} against a real Docker Compose:
 * Debian's {@code docker-compose} 1.29.2 ({@code docker-compose config}) for the fields it knows, the
 * normalised build sections (context, dockerfile, target, args, image, whether the service is active
 * under the case's profiles) must be equal. Where 1.29 is older than the compose specification
 * ({@code include}, {@code dockerfile_inline}, {@code :+}, nested defaults, several env files,
 * {@code !reset}...), the case's {@code case.properties} says {@code spec=<why>} and the
 * specification decides: the case's hand-written {@code expected.yml} is the answer.
 *
 * <p>Never skips: without docker-compose ({@code MORGAN_DOCKER_COMPOSE} or /usr/bin/docker-compose)
 * it fails; scripts/test.sh installs it.
 */
class ComposeDifferentialIT {
    private static final Path CORPUS = Path.of("src", "test", "resources", "compose-corpus");
    private static Path dockerCompose;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void findDockerCompose() {
        String given = System.getenv("MORGAN_DOCKER_COMPOSE");
        Path p = Path.of(given != null && !given.isBlank() ? given : "/usr/bin/docker-compose");
        if (!Files.isExecutable(p)) {
            fail("docker-compose not found at " + p + ": install Debian's docker-compose (apt-get install docker-compose; "
                    + "scripts/test.sh does) or set MORGAN_DOCKER_COMPOSE");
        }
        dockerCompose = p;
    }

    @TestFactory
    Stream<DynamicTest> shouldReadEveryCorpusProjectAsComposeDoes() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(CORPUS)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).as("corpus size").hasSizeGreaterThanOrEqualTo(30);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    /** Generated projects: fixed seeds, so a failure names the seed that reproduces it. */
    @TestFactory
    Stream<DynamicTest> shouldReadGeneratedProjectsAsComposeDoes() {
        return java.util.stream.LongStream.range(1, 1 + GENERATED).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Path root = Files.createDirectories(tmp.resolve("generated-" + seed)).toRealPath();
            Files.createDirectories(root.resolve(".git"));
            compare(root, GeneratedProject.write(seed, root), "generated seed " + seed);
        }));
    }

    private static final int GENERATED = 60;

    private static void check(Path source) throws Exception {
        Path root = copy(source, tmp.resolve(source.getFileName().toString())).toRealPath();
        Files.createDirectories(root.resolve(".git")); // the case's root is its repository: the trust root
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(root.resolve("case.properties"))) {
            props.load(in);
        }
        compare(root, props, source.getFileName().toString());
    }

    private static void compare(Path root, Properties props, String name) throws Exception {
        CorpusCase c = CorpusCase.of(root, props);
        Map<String, Object> morgan = CorpusCase.normalise(root, ComposeParser.parse(c.options()));
        Map<String, Object> expected;
        if (c.spec() != null) {
            expected = new TreeMap<>(load(Files.readString(root.resolve("expected.yml"))));
        } else {
            expected = c.fromCompose(root, load(config(c, root)));
        }
        assertThat(morgan).as("%s%s", name, c.spec() == null ? " vs docker-compose config"
                : " (spec decides: " + c.spec() + ")").isEqualTo(expected);
    }

    private static String config(CorpusCase c, Path root) throws IOException, InterruptedException {
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

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String yaml) {
        Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return o == null ? new HashMap<>() : (Map<String, Object>) o;
    }

    private static Path copy(Path from, Path to) {
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

    static TreeSet<String> set(Object list) {
        TreeSet<String> out = new TreeSet<>();
        if (list instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
