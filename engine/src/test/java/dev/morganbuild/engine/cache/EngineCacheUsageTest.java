package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The breakdown of real output after a build of the example stack, with that build's history records. */
class EngineCacheUsageTest {
    static List<BuildWindow> history() {
        try (BufferedReader r = new BufferedReader(SystemDfParserTest.golden("history-after-build.jsonl"))) {
            return r.lines().map(l -> {
                try {
                    return BuildWindow.of(Json.mapper().readValue(l, BuildRecord.class));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(Objects::nonNull).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<BuildCacheRecord> afterBuild() {
        return SystemDfParser.records(SystemDfParserTest.golden("df-v-lines-after-build.jsonl"), "df");
    }

    static DfTotal dockerTotal() {
        return SystemDfParser.totals(SystemDfParserTest.golden("df-totals-after-build.jsonl"), "df").get(3);
    }

    @Test
    void shouldBreakTheCacheDownByTypeLayersFirstAndAddUpToDockersTotal() {
        EngineCacheUsage u = EngineCacheUsage.of(afterBuild(), dockerTotal(), null, history(), 4L << 30);

        assertThat(u.types()).extracting(TypeUsage::label).containsExactly("layers", "cache mounts", "local sources");
        assertThat(u.type("regular").records()).isEqualTo(31);
        assertThat(u.type("regular").sizeBytes()).isGreaterThan(100_000_000L);
        assertThat(u.type("regular").countedBytes()).isZero(); // every layer here is shared with an image
        assertThat(u.types().stream().mapToLong(TypeUsage::countedBytes).sum()).isEqualTo(u.countedBytes());
        assertThat((double) u.countedBytes()).isCloseTo(u.dockerTotal().sizeBytes(),
                org.assertj.core.data.Percentage.withPercentage(0.5));
        assertThat(u.reclaimableBytes()).isEqualTo(u.countedBytes()); // nothing in use
        assertThat(u.budgetShare()).isCloseTo(176e6 / (4L << 30), org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void shouldNameEachCacheMountByTargetKindAndTheServicesThatMountIt() {
        EngineCacheUsage u = EngineCacheUsage.of(afterBuild(), dockerTotal(), null, history(), null);

        assertThat(u.mounts()).extracting(CacheMountUsage::id).containsExactly("/var/cache/apt", "/var/lib/apt/lists");
        assertThat(u.mounts()).extracting(CacheMountUsage::kind).containsOnly("apt");
        assertThat(u.mounts().get(0).sizeBytes()).isEqualTo(93_100_000L);
        assertThat(u.mounts().get(0).services()).containsExactly("core", "llm", "stt", "tts");
        assertThat(u.mounts().get(0).recordIds()).containsExactly("q0xvrsfbwobit00311cy5wigb");
    }

    @Test
    void shouldAttributeLayersToTheServicesWhoseBuildsMadeThemEvenWhenBuildsOverlapped() {
        LayerAttribution.Result layers = EngineCacheUsage.of(afterBuild(), dockerTotal(), null, history(), null).layers();

        assertThat(layers.services()).extracting(LayerAttribution.ServiceLayers::service)
                .containsExactly("core", "llm", "stt", "tts");
        // llm and tts built at the same time: each has its own venv layer (21.6MB) and its own code layers
        assertThat(layers.services()).allSatisfy(s -> assertThat(s.onlyThisServiceBytes()).isGreaterThan(21_000_000L));
        assertThat(layers.unattributedBytes()).isZero();
    }

    @Test
    void shouldSayLayersAreUnattributedWithoutAHistory() {
        EngineCacheUsage u = EngineCacheUsage.of(afterBuild(), dockerTotal(), null, List.of(), null);

        assertThat(u.layers().services()).isEmpty();
        assertThat(u.layers().unattributedBytes()).isEqualTo(u.type("regular").sizeBytes());
        assertThat(u.mounts()).allSatisfy(m -> assertThat(m.services()).isEmpty());
        assertThat(u.notes()).anyMatch(n -> n.contains("cannot be attributed"));
        assertThat(u.forecast()).isNull();
    }

    @Test
    void shouldForecastFromTheRecordsTheLastBuildsCreated() {
        DiskSpace disk = new DiskSpace("/var/lib/docker", 100_000_000_000L, 1_000_000_000L);
        EngineCacheUsage u = EngineCacheUsage.of(afterBuild(), dockerTotal(), disk, history(), 200_000_000L);

        CacheForecast f = u.forecast();
        assertThat(f.builds()).isEqualTo(8);
        assertThat(f.growthPerBuildBytes()).isGreaterThan(10_000_000L);
        assertThat(f.buildsUntilDiskFull()).isEqualTo(1_000_000_000L / f.growthPerBuildBytes());
        assertThat(f.buildsUntilBudget()).isEqualTo((200_000_000L - u.countedBytes()) / f.countedPerBuildBytes());
        assertThat(f.sentence()).contains("the last 8 builds added").contains("the disk is full in");
    }

    @Test
    void shouldMarkMountsInUseAndSayWhyTheirSizeIsZero() {
        List<BuildCacheRecord> during = SystemDfParser.records(SystemDfParserTest.golden("df-v-lines-during-build.jsonl"), "df");
        EngineCacheUsage u = EngineCacheUsage.of(during, null, null, history(), null);

        assertThat(u.mounts()).filteredOn(CacheMountUsage::inUse).isNotEmpty();
        assertThat(u.reclaimableBytes()).isLessThan(u.countedBytes());
        assertThat(u.notes()).anyMatch(n -> n.contains("a build is running"));
    }
}
