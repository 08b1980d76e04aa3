package dev.morganbuild.engine.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * morgan's reading of real public compose projects (each with a SOURCE.txt naming its repository,
 * commit and license) against Debian's {@code docker-compose} 1.29.2: the
 * build sections (context, dockerfile, target, args, image), whether each service is active under the
 * case's profiles, its buildable {@code depends_on} and its GPU decision must be equal. Where 1.29 is
 * older than the compose specification the case says {@code spec=<why>} and its hand-written
 * {@code expected[-variant].yml} is the answer; {@code compat.drop} removes keys 1.29 refuses that do
 * not change the build from the copy 1.29 reads (see {@link PublicCase}).
 *
 * <p>The projects are fetched public material, which this repository does not hold: they are kept as
 * data beside it (default {@code ../../shared/compose-public}, or {@code -Dmorgan.publicCorpus=DIR}), and
 * this check runs on request, not in CI: {@code scripts/public-corpus-check.sh [DIR]}. Every fix it
 * led to has a unit test of its own with our own files. It never skips: without the corpus or
 * docker-compose ({@code MORGAN_DOCKER_COMPOSE} or /usr/bin/docker-compose) it fails.
 */
class ComposePublicCorpusCheck {
    private static final Path CORPUS = Path.of(System.getProperty("morgan.publicCorpus",
            Path.of("..", "..", "shared", "compose-public").toString())).toAbsolutePath().normalize();
    private static DockerComposeOracle dockerCompose;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void findDockerCompose() {
        dockerCompose = DockerComposeOracle.find(tmp);
    }

    @TestFactory
    Stream<DynamicTest> shouldReadPublicProjectsAsComposeDoes() throws IOException {
        assertThat(CORPUS).as("the public corpus (scripts/public-corpus-check.sh DIR)").isDirectory();
        List<Path> projects;
        try (Stream<Path> s = Files.list(CORPUS)) {
            projects = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(projects).as("public projects").hasSizeGreaterThanOrEqualTo(25);
        List<Path> cases = new ArrayList<>();
        for (Path project : projects) {
            assertThat(project.resolve("SOURCE.txt")).as("%s names its source and license", project).isRegularFile();
            try (Stream<Path> s = Files.list(project)) {
                cases.addAll(s.filter(f -> f.getFileName().toString().matches("case(-[a-z0-9-]+)?\\.properties")).sorted().toList());
            }
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(name(c), () -> check(c)));
    }

    private static String name(Path propsFile) {
        String f = propsFile.getFileName().toString();
        return propsFile.getParent().getFileName() + (f.equals("case.properties") ? ""
                : " " + f.substring("case-".length(), f.length() - ".properties".length()));
    }

    private static void check(Path propsFile) throws Exception {
        String name = name(propsFile).replace(' ', '-');
        Path root = DockerComposeOracle.copy(propsFile.getParent(), tmp.resolve(name)).toRealPath();
        Files.createDirectories(root.resolve(".git")); // the project's root is its repository: the trust root
        PublicCase c = PublicCase.of(root, root.resolve(propsFile.getFileName().toString()));
        Map<String, Object> morgan = PublicCase.normalise(root, ComposeParser.parse(c.base().options()));
        Map<String, Object> expected;
        if (c.base().spec() != null) {
            assertThat(c.expectedFile()).as("spec=%s needs a hand-written answer", c.base().spec()).isRegularFile();
            expected = new TreeMap<>(ComposeDifferentialIT.load(Files.readString(c.expectedFile())));
        } else {
            c.writeCompatCopies(root);
            expected = c.fromCompose(root, ComposeDifferentialIT.load(dockerCompose.config(c.base(), root)));
        }
        assertThat(morgan).as("%s%s", name, c.base().spec() == null ? " vs docker-compose config"
                : " (spec decides: " + c.base().spec() + ")").isEqualTo(expected);
    }
}
