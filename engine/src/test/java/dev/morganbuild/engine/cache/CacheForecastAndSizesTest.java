package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage forecast's arithmetic and limits, byte sizes as written and shown, the latest prune budget. */
class CacheForecastAndSizesTest {
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    static BuildWindow build(int hour) {
        return new BuildWindow("core", T0.plusSeconds(hour * 3600L), T0.plusSeconds(hour * 3600L + 600), List.of());
    }

    static BuildCacheRecord made(String id, int hour, long bytes, boolean shared) {
        Instant at = T0.plusSeconds(hour * 3600L + 60);
        return new BuildCacheRecord(id, BuildCacheRecord.LAYER, "", bytes, at, at, 1, false, shared, null);
    }

    @Test
    void shouldAverageWhatTheRecentBuildsCreatedCountingEachRecordOnce() {
        List<BuildCacheRecord> records = List.of(made("a", 0, 3_000, false), made("a", 0, 3_000, false),
                made("b", 1, 1_000, true), made("c", 5, 50_000, false));

        CacheForecast f = CacheForecast.of(records, List.of(build(0), build(1)), new DiskSpace("/", 100_000, 10_000),
                10_000L, 2_000);

        assertThat(f.builds()).isEqualTo(2);
        assertThat(f.growthPerBuildBytes()).isEqualTo(2_000); // (3000 + 1000) / 2; c was made by no build
        assertThat(f.countedPerBuildBytes()).isEqualTo(1_500); // b is shared with an image
        assertThat(f.buildsUntilDiskFull()).isEqualTo(5L); // 10000 / 2000
        assertThat(f.buildsUntilBudget()).isEqualTo(5L); // (10000 - 2000) / 1500
        assertThat(f.diskFullSoon()).isTrue();
        assertThat(f.sentence()).isEqualTo("the last 2 builds added 2.0 KiB per build; at this rate the disk is full "
                + "in 5 builds; the build cache passes its budget in 5 builds");
    }

    @Test
    void shouldNeedTwoBuildsAndLookAtTheTenMostRecent() {
        assertThat(CacheForecast.of(List.of(), List.of(build(0)), null, null, 0)).isNull();
        List<BuildWindow> twelve = new java.util.ArrayList<>();
        for (int h = 0; h < 12; h++) {
            twelve.add(build(h));
        }
        // the two oldest builds' records fall outside the window
        CacheForecast f = CacheForecast.of(List.of(made("old", 0, 1_000_000, false), made("new", 11, 10_000, false)),
                twelve, null, null, 0);
        assertThat(f.builds()).isEqualTo(CacheForecast.WINDOW);
        assertThat(f.growthPerBuildBytes()).isEqualTo(1_000);
    }

    @Test
    void shouldForecastNothingWithoutGrowthADiskOrRoomInTheBudget() {
        List<BuildWindow> two = List.of(build(0), build(1));

        CacheForecast none = CacheForecast.of(List.of(), two, new DiskSpace("/", 10, 10), 100L, 0);
        assertThat(none.buildsUntilDiskFull()).isNull();
        assertThat(none.buildsUntilBudget()).isNull();
        assertThat(none.diskFullSoon()).isFalse();
        assertThat(none.sentence()).isEqualTo("the last 2 builds added nothing to the engine's storage");

        CacheForecast over = CacheForecast.of(List.of(made("a", 0, 4_000, false)), two, null, 1_000L, 1_000);
        assertThat(over.buildsUntilDiskFull()).isNull();
        assertThat(over.buildsUntilBudget()).isNull(); // at the budget already
        assertThat(over.sentence()).isEqualTo("the last 2 builds added 2.0 KiB per build");
    }

    @Test
    void shouldWarnAtTwentyBuildsOrFewerAndCapTheCountShown() {
        assertThat(new CacheForecast(2, 1, 1, 20L, null).diskFullSoon()).isTrue();
        assertThat(new CacheForecast(2, 1, 1, 21L, null).diskFullSoon()).isFalse();
        assertThat(new CacheForecast(2, 1, 1, null, null).diskFullSoon()).isFalse();
        assertThat(new CacheForecast(2, 1, 1, 10_000L, 10_001L).sentence()).endsWith("the disk is full in 10000 builds; "
                + "the build cache passes its budget in more than 10000 builds");
    }

    @Test
    void shouldFormatSizesInBinaryUnitsWithOneDecimal() {
        assertThat(ByteSize.format(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.format(1024)).isEqualTo("1.0 KiB");
        assertThat(ByteSize.format(1024 * 1024 - 1)).isEqualTo("1024.0 KiB");
        assertThat(ByteSize.format(1024 * 1024)).isEqualTo("1.0 MiB");
        assertThat(ByteSize.format(5L << 40)).isEqualTo("5.0 TiB");
        assertThat(ByteSize.format(3L << 60)).isEqualTo("3072.0 PiB");
    }

    @Test
    void shouldFormatSizesAsDockerPrintsThem() {
        assertThat(ByteSize.formatDecimal(0)).isEqualTo("0B");
        assertThat(ByteSize.formatDecimal(999)).isEqualTo("999B");
        assertThat(ByteSize.formatDecimal(1000)).isEqualTo("1kB");
        assertThat(ByteSize.formatDecimal(4830)).isEqualTo("4.83kB");
        assertThat(ByteSize.formatDecimal(176_000_000)).isEqualTo("176MB");
        assertThat(ByteSize.formatDecimal(1_250_000_000)).isEqualTo("1.25GB");
        assertThat(ByteSize.formatDecimal(7_000_000_000_000_000_000L)).isEqualTo("7000PB");
    }

    @Test
    void shouldReadDecimalAndBinaryUnitsAndRefuseSizesPastHalfTheLongRange() {
        assertThat(ByteSize.parse("1kB")).isEqualTo(1000);
        assertThat(ByteSize.parse("1KiB")).isEqualTo(1024);
        assertThat(ByteSize.parse("2T")).isEqualTo(2L << 40);
        assertThat(ByteSize.parse(" 3 MB ")).isEqualTo(3_000_000);
        assertThat(ByteSize.parse(String.valueOf(1L << 61))).isEqualTo(1L << 61);
        assertThatThrownBy(() -> ByteSize.parse("9000000T")).isInstanceOf(MorganException.class)
                .hasMessageContaining("is too large");
        assertThatThrownBy(() -> ByteSize.parse(null)).isInstanceOf(MorganException.class);
    }

    @TempDir
    Path dir;

    @Test
    void shouldGiveTheBudgetOfTheMostRecentEnginePrune() throws Exception {
        assertThat(PruneSchedule.latestBudget(dir)).isNull();
        new PruneSchedule(dir, "engine-a").pruned(1_000, Instant.now());
        Path a = dir.resolve("engine-prune/engine-a");
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        new PruneSchedule(dir, "engine-b").pruned(2_000, Instant.now());
        new PruneSchedule(dir, "engine-b").grown();

        assertThat(PruneSchedule.latestBudget(dir)).isEqualTo(2_000L);
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(PruneSchedule.latestBudget(dir)).isEqualTo(1_000L);
    }
}
