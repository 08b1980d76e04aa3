package dev.morganbuild.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.cli.MorganCli;
import dev.morganbuild.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code morgan bench --smoke} on the example stack with the real engine: proves every scenario runs
 * and yields figures (newagent with a throwaway registry and second dockerd, as a user's run starts
 * them). It asserts no timing goal: figures are for docs/benchmarks.md, from a full run.
 */
class BenchIT {
    @Test
    void shouldRunEveryScenarioOnceAndWriteEveryFigure(@TempDir Path dir) throws Exception {
        Path compose = Path.of("../examples/morgan-stack/docker-compose.yml").toAbsolutePath().normalize();
        String before = Files.readString(compose.getParent().resolve("services/tts/Dockerfile"));

        int exit = MorganCli.run("bench", "-f", compose.toString(), "--smoke", "-o", dir.toString());

        assertThat(exit).isZero();
        JsonNode json = Json.mapper().readTree(dir.resolve("bench.json").toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode f : json.path("figures")) {
            names.add(f.path("name").asText());
            assertThat(f.path("numeratorSamples")).as(f.toString()).isNotEmpty();
            assertThat(f.path("denominatorSamples")).as(f.toString()).isNotEmpty();
            f.path("numeratorSamples").forEach(v -> assertThat(v.asLong()).as(f.toString()).isPositive());
            f.path("denominatorSamples").forEach(v -> assertThat(v.asLong()).as(f.toString()).isPositive());
            assertThat(f.path("verdict").asText()).isIn("met", "MISSED", "-");
        }
        assertThat(names).anyMatch(n -> n.startsWith("warm, no change, core"))
                .anyMatch(n -> n.startsWith("warm, no change, whole stack"))
                .anyMatch(n -> n.startsWith("code change, tts: cold / code-change build (morgan-build)"))
                .anyMatch(n -> n.startsWith("code change, tts: cold / code-change build (raw docker)"))
                .anyMatch(n -> n.startsWith("dependency change (+jq), tts: without / with cache mounts (morgan-build)"))
                .anyMatch(n -> n.startsWith("nightly (no layer cache, mounts kept) / cold, tts (raw docker)"))
                .anyMatch(n -> n.startsWith("all 2 services at once / one after another (morgan-build"))
                .anyMatch(n -> n.startsWith("whole build context"))
                .anyMatch(n -> n.startsWith("new agent (empty second engine), tts: cold / from the registry cache"));
        // on the emptied second engine, the build from the registry cache took every step from it
        assertThat(json.path("notes").toString()).containsPattern("from the registry cache: (\\d+)/\\1\\b");
        // the .dockerignore keeps the generated checkout clutter out of the whole context
        JsonNode whole = json.path("figures").findParents("name").stream()
                .filter(f -> f.path("name").asText().startsWith("whole build context")).findFirst().orElseThrow();
        assertThat(whole.path("numeratorSamples").get(0).asLong())
                .isLessThan(whole.path("denominatorSamples").get(0).asLong() / 10);
        assertThat(Files.readString(dir.resolve("bench.md"))).contains("| figure | ratio |");
        // the benchmark edits a copy, never the stack it was pointed at
        assertThat(Files.readString(compose.getParent().resolve("services/tts/Dockerfile"))).isEqualTo(before);
    }
}
