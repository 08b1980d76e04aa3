package dev.morganbuild.engine.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

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
    private static DockerComposeOracle dockerCompose;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void findDockerCompose() {
        dockerCompose = DockerComposeOracle.find(tmp);
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
        Path root = DockerComposeOracle.copy(source, tmp.resolve(source.getFileName().toString())).toRealPath();
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
            expected = c.fromCompose(root, load(dockerCompose.config(c, root)));
        }
        assertThat(morgan).as("%s%s", name, c.spec() == null ? " vs docker-compose config"
                : " (spec decides: " + c.spec() + ")").isEqualTo(expected);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String yaml) {
        Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return o == null ? new HashMap<>() : (Map<String, Object>) o;
    }

    static TreeSet<String> set(Object list) {
        TreeSet<String> out = new TreeSet<>();
        if (list instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
