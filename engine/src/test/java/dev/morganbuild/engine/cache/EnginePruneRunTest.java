package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine prune to a budget as a build runs it: what it tells the user, and that it never fails the build. */
class EnginePruneRunTest {
    @Test
    void shouldSayHowMuchAPruneToTheBudgetReclaimed() throws Exception {
        List<Command> calls = new ArrayList<>();
        CommandRunner docker = (c, sink) -> {
            calls.add(c);
            sink.line("Deleted build cache objects:");
            sink.line("x2enrx6efxv8ggk0uwbjdhjfv");
            sink.line("");
            sink.line("Total reclaimed space: 1.25GB");
            return 0;
        };

        assertThat(EnginePrune.run(docker, "docker", Map.of("DOCKER_HOST", "h"), Backend.BUILTIN, null, 4L << 30))
                .hasValue("pruned the engine's build cache to the budget: reclaimed 1.25GB");
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.argv()).containsExactly("docker", "builder", "prune", "--force", "--keep-storage",
                    Long.toString(4L << 30));
            assertThat(c.env()).containsEntry("DOCKER_HOST", "h");
        });
    }

    @Test
    void shouldSayNothingWhenTheCacheWasWithinTheBudget() throws Exception {
        CommandRunner docker = (c, sink) -> {
            sink.line("Total reclaimed space: 0B");
            return 0;
        };

        assertThat(EnginePrune.run(docker, "docker", Map.of(), Backend.BUILTIN, null, 1)).isEmpty();
    }

    @Test
    void shouldTellWhyAPruneFailedWithDockersLastLine() throws Exception {
        CommandRunner refused = (c, sink) -> {
            sink.line("Total reclaimed space: 1GB");
            sink.line("ERROR: no builder \"morgan\" found");
            return 1;
        };
        assertThat(EnginePrune.run(refused, "docker", Map.of(), Backend.BUILDX, "morgan", 100))
                .hasValue("cannot prune the engine's build cache to the budget (docker buildx prune --force --builder "
                        + "morgan --keep-storage 100 exited with 1: ERROR: no builder \"morgan\" found)");
        assertThat(EnginePrune.run((c, sink) -> 5, "docker", Map.of(), Backend.BUILTIN, null, 100))
                .hasValue("cannot prune the engine's build cache to the budget (docker builder prune --force "
                        + "--keep-storage 100 exited with 5)");
        CommandRunner missing = (c, sink) -> {
            throw new IOException("error=2, No such file or directory");
        };
        assertThat(EnginePrune.run(missing, "docker", Map.of(), Backend.BUILTIN, null, 100))
                .hasValue("cannot prune the engine's build cache to the budget: error=2, No such file or directory");
    }
}
