package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden files: real output of Debian's docker 20.10 client against the engine's built-in BuildKit. */
class SystemDfParserTest {
    static Reader golden(String name) {
        return new InputStreamReader(Objects.requireNonNull(SystemDfParserTest.class.getResourceAsStream(
                "/cache/" + name), name), StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadEveryRecordOfTheLineFormAfterABuild() {
        List<BuildCacheRecord> records = SystemDfParser.records(golden("df-v-lines-after-build.jsonl"), "df");

        assertThat(records).hasSize(38);
        assertThat(records).extracting(BuildCacheRecord::type).containsOnly("regular", "exec.cachemount", "source.local");
        BuildCacheRecord apt = records.stream().filter(r -> r.id().equals("q0xvrsfbwobit00311cy5wigb")).findFirst().orElseThrow();
        assertThat(apt.type()).isEqualTo(BuildCacheRecord.CACHE_MOUNT);
        assertThat(apt.sizeBytes()).isEqualTo(93_100_000L);
        assertThat(apt.description()).startsWith("cached mount /var/cache/apt from exec /bin/sh -c apt-get update");
        assertThat(apt.createdAt()).isEqualTo(Instant.parse("2026-12-02T21:14:19.679836255Z"));
        assertThat(apt.shared()).isFalse();
        assertThat(apt.inUse()).isFalse();
        assertThat(apt.parent()).isNull();
        assertThat(records).filteredOn(r -> r.parent() != null).isNotEmpty();
    }

    @Test
    void shouldAddUpToDockersBuildCacheTotalWithinRounding() {
        List<BuildCacheRecord> records = SystemDfParser.records(golden("df-v-lines-after-build.jsonl"), "df");
        DfTotal total = SystemDfParser.totals(golden("df-totals-after-build.jsonl"), "df").stream()
                .filter(t -> t.type().equals(DfTotal.BUILD_CACHE)).findFirst().orElseThrow();

        long counted = records.stream().filter(BuildCacheRecord::counted).mapToLong(BuildCacheRecord::sizeBytes).sum();
        assertThat(total.count()).isEqualTo(records.size());
        assertThat((double) counted).isCloseTo(total.sizeBytes(), org.assertj.core.data.Percentage.withPercentage(0.5));
    }

    @Test
    void shouldMarkRecordsARunningBuildHoldsAndKeepTheirIdWithoutTheStar() {
        List<BuildCacheRecord> records = SystemDfParser.records(golden("df-v-lines-during-build.jsonl"), "df");

        assertThat(records).filteredOn(BuildCacheRecord::inUse).hasSize(7)
                .allSatisfy(r -> assertThat(r.id()).doesNotContain("*"));
        assertThat(records).filteredOn(r -> r.lastUsedAt() == null).isNotEmpty();
    }

    @Test
    void shouldReadTheWholeAnswerOnOneLineAsWell() {
        List<BuildCacheRecord> during = SystemDfParser.records(golden("df-v-json-during-build.json"), "df");
        List<BuildCacheRecord> after = SystemDfParser.records(golden("df-v-json-after-build.json"), "df");

        assertThat(during).hasSize(9).filteredOn(BuildCacheRecord::inUse).hasSize(7);
        assertThat(after).hasSize(42);
        assertThat(after).extracting(BuildCacheRecord::type).contains("source.local", "regular", "exec.cachemount");
    }

    @Test
    void shouldReadTheTotalsAndDropDockersPercentage() {
        List<DfTotal> totals = SystemDfParser.totals(golden("df-totals-during-build.jsonl"), "df");

        assertThat(totals).extracting(DfTotal::type).containsExactly("Images", "Containers", "Local Volumes", "Build Cache");
        assertThat(totals.get(0).reclaimableBytes()).isEqualTo(327_800_000L);
        assertThat(totals.get(3)).isEqualTo(new DfTotal("Build Cache", 42, 7, 6_347, 4_026));
    }

    @Test
    void shouldReadAnEmptyAnswer() {
        assertThat(SystemDfParser.records(new StringReader(""), "df")).isEmpty();
        assertThat(SystemDfParser.records(new StringReader("{\"Images\":[],\"BuildCache\":null}\n\n"), "df")).isEmpty();
    }

    @Test
    void shouldRefuseDockersTableWithTheLineAndWhatToDo() throws IOException {
        assertThatThrownBy(() -> SystemDfParser.records(golden("df-v-table-after-build.txt"), "docker system df -v"))
                .isInstanceOf(MorganException.class)
                .hasMessageContaining("docker system df -v:1: cannot read the engine's cache usage")
                .hasMessageContaining("fix: morgan-build reads docker's JSON form");
        assertThatThrownBy(() -> SystemDfParser.records(new StringReader("CACHE ID  CACHE TYPE  SIZE"), "df"))
                .hasMessageContaining("docker's table output");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"CacheType\":\"regular\",\"Size\":\"1B\"}",
            "{\"ID\":\"abc\",\"CacheType\":\"regular\",\"Size\":\"huge\"}",
            "{\"ID\":\"abc\",\"CacheType\":\"regular\",\"Size\":\"1B\",\"CreatedAt\":\"yesterday\"}",
            "{\"ID\":\"abc\",\"CacheType\":\"regular\",\"Size\":\"1B\",\"UsageCount\":\"many\"}",
            "{\"ID\":\"abc\",\"CacheType\":\"regular\"",
            "{\"ID\":\"abc\"} trailing",
            "Error response from daemon: Cannot connect",
            "[1,2,3]",
            "\u0000\u0001garbage"})
    void shouldRefuseGarbageNamingTheLine(String garbage) {
        assertThatThrownBy(() -> SystemDfParser.records(new StringReader("\n" + garbage + "\n"), "docker system df -v"))
                .isInstanceOf(MorganException.class)
                .hasMessageStartingWith("docker system df -v:2: cannot read the engine's cache usage");
    }

    @Test
    void shouldRefuseTotalsWithoutAType() {
        assertThatThrownBy(() -> SystemDfParser.totals(new StringReader("{\"Size\":\"1B\"}"), "docker system df"))
                .hasMessageContaining("docker system df:1:").hasMessageContaining("the field Type is missing");
    }
}
