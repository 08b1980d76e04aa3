package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import java.io.BufferedReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineCachePruneTest {
    @Test
    void shouldPruneOneTypeAsArgvAndAllOnlyWhenAsked() {
        assertThat(EngineCachePrune.argv("/usr/bin/docker", "type=exec.cachemount", false))
                .containsExactly("/usr/bin/docker", "builder", "prune", "--force", "--filter", "type=exec.cachemount");
        assertThat(EngineCachePrune.argv("docker", "id=q0xvrsfbwobit00311cy5wigb", true))
                .containsExactly("docker", "builder", "prune", "--force", "--all", "--filter", "id=q0xvrsfbwobit00311cy5wigb");
    }

    @Test
    void shouldRefuseATypeDockerWouldIgnore() {
        assertThatThrownBy(() -> EngineCachePrune.type((c, s) -> 0, "docker", java.util.Map.of(), "layers", false))
                .isInstanceOf(MorganException.class).hasMessageContaining("'layers' is not a build-cache record type")
                .hasMessageContaining("regular, exec.cachemount, source.local");
    }

    @Test
    void shouldRefuseAMountTheEngineDoesNotHave() {
        List<CacheMountUsage> mounts = List.of(new CacheMountUsage("/var/cache/apt", "/var/cache/apt", "apt", 1, false,
                List.of(), List.of("q0xvrsfbwobit00311cy5wigb")));
        assertThatThrownBy(() -> EngineCachePrune.mount((c, s) -> 0, "docker", java.util.Map.of(), mounts, "pip"))
                .hasMessageContaining("no cache mount 'pip'").hasMessageContaining("/var/cache/apt");
    }

    @Test
    void shouldReadWhatDockerDeletedAndReclaimed() throws Exception {
        List<String> lines = List.of("Deleted build cache objects:", "x2enrx6efxv8ggk0uwbjdhjfv", "ip982o0n0811y6dmgukq2agpg",
                "", "Total reclaimed space: 4.827kB");
        assertThat(EngineCachePrune.report(lines)).isEqualTo(new EngineCachePrune.Report(
                List.of("x2enrx6efxv8ggk0uwbjdhjfv", "ip982o0n0811y6dmgukq2agpg"), 4827));
        // real answer of a prune of cache mounts while a build held them: nothing removed
        try (BufferedReader r = new BufferedReader(SystemDfParserTest.golden("prune-in-use-during-build.txt"))) {
            assertThat(EngineCachePrune.report(r.lines().toList())).isEqualTo(new EngineCachePrune.Report(List.of(), 0));
        }
    }
}
