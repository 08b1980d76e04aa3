package dev.morganbuild.engine.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GPU corpus: small compose projects under {@code src/test/resources/gpu-corpus/<case>/}, each
 * shaped like a public AI stack (ollama, vllm, ComfyUI, stable-diffusion-webui, whisper,
 * text-generation-webui, LocalAI, TTS servers, ...), with an {@code expected.txt} of
 * {@code service | gpu | RULE | reason} lines. An optional {@code compose: path} line names the compose
 * file (default: the one at the case's root), and an optional {@code case.env} holds the environment.
 */
class GpuCorpusTest {
    private static final List<String> DEFAULT_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yaml",
            "docker-compose.yml");

    @Test
    void shouldHaveAtLeastTwentyCasesCoveringEveryRule() {
        List<Path> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
        List<String> rules = cases.stream().flatMap(c -> expected(c).values().stream()).map(e -> e[1]).distinct().toList();
        assertThat(rules).contains("FORCED", "DEVICE_RESERVATION", "GPUS", "RUNTIME", "CUDA_IMAGE", "GPU_IMAGE_PATTERN",
                "NONE");
    }

    @TestFactory
    Stream<DynamicTest> shouldDecideEveryServiceOfTheCorpusAsExpected() {
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Map<String, String[]> expected = expected(dir);
            Stack stack = ComposeParser.parse(composeFile(dir), dir, env(dir));
            Map<String, String[]> actual = new LinkedHashMap<>();
            stack.services().forEach((name, s) -> actual.put(name, new String[] {
                    String.valueOf(s.gpu().required()), s.gpu().rule().name(), s.gpu().reason()}));
            assertThat(render(actual)).as(dir.getFileName().toString()).isEqualTo(render(expected));
        }));
    }

    private static String render(Map<String, String[]> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append(" | ").append(String.join(" | ", v)).append('\n'));
        return sb.toString();
    }

    static List<Path> cases() {
        try (Stream<Path> s = Files.list(corpus())) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path corpus() {
        try {
            return Path.of(GpuCorpusTest.class.getResource("/gpu-corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path composeFile(Path dir) {
        for (String line : lines(dir.resolve("expected.txt"))) {
            if (line.startsWith("compose:")) {
                return dir.resolve(line.substring("compose:".length()).strip());
            }
        }
        return DEFAULT_NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("no compose file in " + dir));
    }

    private static Map<String, String> env(Path dir) {
        Map<String, String> env = new LinkedHashMap<>();
        Path file = dir.resolve("case.env");
        if (Files.isRegularFile(file)) {
            for (String line : lines(file)) {
                int eq = line.indexOf('=');
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    /** service to {gpu, rule, reason}. */
    private static Map<String, String[]> expected(Path dir) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String line : lines(dir.resolve("expected.txt"))) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("compose:")) {
                continue;
            }
            String[] parts = line.split(" \\| ", 4);
            out.put(parts[0], new String[] {parts[1], parts[2], parts[3]});
        }
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : new ArrayList<>();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
