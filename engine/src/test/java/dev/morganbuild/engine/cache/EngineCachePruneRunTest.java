package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pruning the engine's build cache by type or mount through docker, and what the disk has left. */
class EngineCachePruneRunTest {
    final List<Command> calls = new ArrayList<>();

    /** docker builder prune answering as Docker 20.10 does: the ids it deleted and the total. */
    CommandRunner prunes(long kb) {
        return (c, sink) -> {
            calls.add(c);
            String filter = c.argv().get(c.argv().size() - 1);
            sink.line("Deleted build cache objects:");
            sink.line(filter.startsWith("id=") ? filter.substring(3) : "x2enrx6efxv8ggk0uwbjdhjfv");
            sink.line("");
            sink.line("Total reclaimed space: " + kb + "kB");
            return 0;
        };
    }

    static CacheMountUsage mount(String id, String target, String kind, String... records) {
        return new CacheMountUsage(id, target, kind, 1, false, List.of(), List.of(records));
    }

    @Test
    void shouldPruneEveryRecordOfTheMountsNamedByIdTargetOrKindAndAddUpTheReport() throws Exception {
        List<CacheMountUsage> mounts = List.of(mount("apt-cache", "/var/cache/apt", "apt", "aaaaaaaaaa01", "aaaaaaaaaa02"),
                mount("apt-lists", "/var/lib/apt", "apt", "bbbbbbbbbb01"),
                mount("pip", "/root/.cache/pip", "pip", "cccccccccc01"));

        EngineCachePrune.Report byKind = EngineCachePrune.mount(prunes(2), "docker", Map.of("DOCKER_HOST", "h"), mounts, "apt");

        assertThat(byKind.deleted()).containsExactly("aaaaaaaaaa01", "aaaaaaaaaa02", "bbbbbbbbbb01");
        assertThat(byKind.reclaimedBytes()).isEqualTo(6_000);
        assertThat(calls).extracting(c -> c.argv().get(c.argv().size() - 1))
                .containsExactly("id=aaaaaaaaaa01", "id=aaaaaaaaaa02", "id=bbbbbbbbbb01");
        assertThat(calls).allSatisfy(c -> assertThat(c.env()).containsEntry("DOCKER_HOST", "h"));

        calls.clear();
        assertThat(EngineCachePrune.mount(prunes(1), "docker", Map.of(), mounts, "/root/.cache/pip").deleted())
                .containsExactly("cccccccccc01");
        assertThat(EngineCachePrune.mount(prunes(1), "docker", Map.of(), mounts, "apt-lists").deleted())
                .containsExactly("bbbbbbbbbb01");
    }

    @Test
    void shouldPassOnlyPlainRecordIdsToDockersFilter() throws Exception {
        List<CacheMountUsage> mounts = List.of(mount("m", "/m", "other", ".*", "short", "dddddddddd01"));

        EngineCachePrune.Report r = EngineCachePrune.mount(prunes(1), "docker", Map.of(), mounts, "m");

        assertThat(r.deleted()).containsExactly("dddddddddd01");
        assertThat(calls).hasSize(1);
    }

    @Test
    void shouldPruneATypeAndSayWhenDockerFailsOrCannotStart() throws Exception {
        EngineCachePrune.Report r = EngineCachePrune.type(prunes(4), "docker", Map.of(), "exec.cachemount", false);
        assertThat(r.reclaimedBytes()).isEqualTo(4_000);
        assertThat(calls).singleElement().extracting(Command::argv)
                .isEqualTo(List.of("docker", "builder", "prune", "--force", "--filter", "type=exec.cachemount"));

        CommandRunner failing = (c, sink) -> {
            sink.line("Cannot connect to the Docker daemon");
            return 1;
        };
        assertThatThrownBy(() -> EngineCachePrune.type(failing, "docker", Map.of(), "regular", true))
                .isInstanceOfSatisfying(MorganException.class, e -> assertThat(e.kind()).isEqualTo(MorganException.Kind.HOST))
                .hasMessageContaining("docker builder prune --force --all --filter type=regular exited with 1: "
                        + "Cannot connect to the Docker daemon");
        assertThatThrownBy(() -> EngineCachePrune.type((c, sink) -> 2, "docker", Map.of(), "regular", true))
                .hasMessageContaining("exited with 2").hasMessageNotContaining("exited with 2:");
        CommandRunner missing = (c, sink) -> {
            throw new IOException("error=2, No such file or directory");
        };
        assertThatThrownBy(() -> EngineCachePrune.type(missing, "/opt/docker", Map.of(), "regular", true))
                .hasMessageContaining("cannot run /opt/docker: error=2, No such file or directory");
    }

    @TempDir
    Path dir;

    @Test
    void shouldSeeTheDiskOfALocalDataRootOnly() {
        assertThat(DiskSpace.of(dir.toString())).hasValueSatisfying(d -> {
            assertThat(d.path()).isEqualTo(dir.toString());
            assertThat(d.totalBytes()).isPositive().isGreaterThanOrEqualTo(d.freeBytes());
        });
        assertThat(DiskSpace.of(dir.resolve("missing").toString())).isEmpty();
        assertThat(DiskSpace.of(null)).isEmpty();
        assertThat(DiskSpace.of(" ")).isEmpty();
    }
}
