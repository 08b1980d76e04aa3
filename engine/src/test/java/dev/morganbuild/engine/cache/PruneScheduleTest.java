package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneScheduleTest {
    static final Instant T0 = Instant.now(); // growth marks carry the real time

    @Test
    void shouldPruneFirstThenOnlyWhenABuildGrewTheCacheTheBudgetChangedOrADayPassed(@TempDir Path root) {
        PruneSchedule s = new PruneSchedule(root, "engine-1");
        assertThat(s.due(100, T0)).as("never pruned").isTrue();

        s.pruned(100, T0);
        assertThat(s.due(100, T0.plusSeconds(60))).as("warm builds since").isFalse();
        assertThat(s.due(50, T0.plusSeconds(60))).as("budget changed").isTrue();
        assertThat(s.due(100, T0.plus(PruneSchedule.MAX_INTERVAL).plusSeconds(1))).as("a day later").isTrue();
        assertThat(new PruneSchedule(root, "engine-2").due(100, T0)).as("another engine").isTrue();

        s.grown();
        assertThat(new PruneSchedule(root, "engine-1").due(100, T0.plusSeconds(60))).as("a build ran steps").isTrue();
        s.pruned(100, T0.plusSeconds(120));
        assertThat(s.due(100, T0.plusSeconds(180))).isFalse();
    }

    @Test
    void shouldKeepTheGrowthOfABuildThatFinishedWhileAPruneRan(@TempDir Path root) throws Exception {
        PruneSchedule s = new PruneSchedule(root, "engine-1");
        Instant pruneStart = Instant.now();
        Thread.sleep(20);
        s.grown(); // another build finished while the prune ran
        s.pruned(100, pruneStart);

        assertThat(s.due(100, Instant.now())).as("that build's growth is still to prune").isTrue();

        Instant next = Instant.now().plusMillis(10);
        Thread.sleep(20);
        s.pruned(100, next);
        assertThat(s.due(100, Instant.now())).isFalse();
    }

    @Test
    void shouldPruneWhenItsNoteIsDamaged(@TempDir Path root) throws Exception {
        PruneSchedule s = new PruneSchedule(root, "engine-1");
        s.pruned(100, T0);
        Files.writeString(root.resolve("engine-prune/engine-1"), "100\n2026-12-01T10:00");

        assertThat(s.due(100, T0.plusSeconds(1))).isTrue();
    }
}
