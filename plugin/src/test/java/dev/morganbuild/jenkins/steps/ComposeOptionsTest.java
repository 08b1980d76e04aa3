package dev.morganbuild.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** composeFiles, profiles and envFile: lists that a Pipeline script may write as one string. */
class ComposeOptionsTest {
    @Test
    void shouldTurnACommaSeparatedStringIntoTheList() {
        Map<String, Object> args = ComposeOptions.instantiate(Map.of("composeFiles", "compose.yaml, compose.gpu.yaml",
                "profiles", "gpu", "envFile", List.of("ci.env"), "service", "core"));

        assertThat(args).containsEntry("composeFiles", List.of("compose.yaml", "compose.gpu.yaml"))
                .containsEntry("profiles", List.of("gpu")).containsEntry("envFile", List.of("ci.env"))
                .containsEntry("service", "core");
    }

    @Test
    void shouldDropBlankEntries() {
        assertThat(ComposeOptions.clean(List.of(" a.yml ", "", "b.yml,c.yml"))).containsExactly("a.yml", "b.yml", "c.yml");
        assertThat(ComposeOptions.clean(null)).isEmpty();
    }
}
