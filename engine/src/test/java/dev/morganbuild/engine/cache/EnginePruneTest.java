package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.buildkit.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnginePruneTest {
    @Test
    void shouldPruneTheBuiltInEngineOrTheNamedBuildxBuilderAsArgv() {
        assertThat(EnginePrune.argv("/usr/bin/docker", Backend.BUILTIN, "ignored", 10_737_418_240L))
                .containsExactly("/usr/bin/docker", "builder", "prune", "--force", "--keep-storage", "10737418240");
        assertThat(EnginePrune.argv("docker", Backend.BUILDX, "morgan; rm -rf /", 1))
                .containsExactly("docker", "buildx", "prune", "--force", "--builder", "morgan; rm -rf /",
                        "--keep-storage", "1");
        assertThat(EnginePrune.argv("docker", Backend.BUILDX, null, 0))
                .containsExactly("docker", "buildx", "prune", "--force", "--keep-storage", "0");
    }

    @Test
    void shouldReportOnlyAReclaimedSizeAboveZero() {
        assertThat(EnginePrune.reclaimed(List.of("Deleted build cache objects:", "abc", "", "Total reclaimed space: 312.4MB")))
                .contains("312.4MB");
        assertThat(EnginePrune.reclaimed(List.of("Total reclaimed space: 0B"))).isEmpty();
        assertThat(EnginePrune.reclaimed(List.of("Total reclaimed space: 0 B"))).isEmpty();
        assertThat(EnginePrune.reclaimed(List.of())).isEmpty();
    }
}
