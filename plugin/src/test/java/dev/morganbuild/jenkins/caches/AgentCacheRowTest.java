package dev.morganbuild.jenkins.caches;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A node's row from what a real agent answered: agent-cache-usage-cpu-1.json is AgentCacheUsage's
 * answer from cachespage-cpu-1 in a Jenkins 2.479.3 controller after one run of Jenkinsfile.example
 * (2026-12-03; its engine shared by three nodes; local sources pruned before).
 */
class AgentCacheRowTest {
    private static final Instant READ = Instant.parse("2026-12-03T07:05:00Z");

    private static Answer<String> answer(boolean cached) throws IOException {
        try (InputStream in = AgentCacheRowTest.class.getResourceAsStream("agent-cache-usage-cpu-1.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Answer<String> fresh = new Answer<>(Answer.Status.ANSWERED, json, null, Duration.ofSeconds(10), READ, false);
            return cached ? new Answer<>(fresh.status(), json, null, fresh.deadline(), READ, true) : fresh;
        }
    }

    @Test
    void shouldShowTheEnginesBreakdownAsMorganCacheDuDoes() throws IOException {
        AgentCacheRow row = AgentCacheRow.of("cachespage-cpu-1", "cachespage-cpu-1", answer(false), null);
        EngineCacheView e = row.engine();

        assertThat(row.error()).isNull();
        assertThat(e.used()).isEqualTo("167.8 MiB");
        assertThat(e.free()).isEqualTo("71.1 GiB");
        assertThat(e.types()).extracting(EngineCacheView.TypeRow::label, EngineCacheView.TypeRow::sizeText,
                        EngineCacheView.TypeRow::counted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("layers", "201.0 MiB", "0 B"),
                        org.assertj.core.groups.Tuple.tuple("cache mounts", "167.8 MiB", "167.8 MiB"));
        assertThat(e.mounts()).extracting(EngineCacheView.MountRow::id, EngineCacheView.MountRow::sizeText,
                        EngineCacheView.MountRow::services)
                .startsWith(org.assertj.core.groups.Tuple.tuple("/var/cache/apt", "88.8 MiB", "core, llm"));
        assertThat(e.layers()).extracting(EngineCacheView.LayerRow::service).containsExactly("core", "llm");
        assertThat(e.unattributed()).isEqualTo("100.5 MiB");
        assertThat(e.forecast()).isEqualTo("the last 2 builds added 134.2 MiB per build; at this rate the disk is full in 542 builds");
        assertThat(e.budget()).isEqualTo("none");
        assertThat(e.bar().budgetPercent()).isNull();
    }

    @Test
    void shouldShowTheCacheRootsFolders() throws IOException {
        AgentCacheRow row = AgentCacheRow.of("cachespage-cpu-1", "cachespage-cpu-1", answer(false), null);

        assertThat(row.root()).isEqualTo("/tmp/jenkins-accept-cachespage/morgan-cache");
        assertThat(row.services()).extracting(AgentCacheRow.ServiceUsage::service).containsExactly("core", "llm", "stt", "tts");
        assertThat(row.services().get(0).lastUse()).isEqualTo("2026-12-03 06:40:41 UTC");
        assertThat(row.lastPrune()).isEqualTo("never");
    }

    @Test
    void shouldSayWhenTheFiguresWereReadAndThatTheyComeFromTheCache() throws IOException {
        assertThat(AgentCacheRow.of("n", "n", answer(false), null).readAt()).isEqualTo("read 2026-12-03 07:05:00 UTC");
        assertThat(AgentCacheRow.of("n", "n", answer(true), null).readAt())
                .isEqualTo("read 2026-12-03 07:05:00 UTC (kept for a minute; Refresh asks again)");
    }

    @Test
    void shouldNameANodeWithoutFiguresAndWhy() {
        AgentCacheRow row = AgentCacheRow.failure("cachespage-gpu-1", "cachespage-gpu-1", null,
                "did not answer within 10 s; the call was cancelled", null);

        assertThat(row.error()).isEqualTo("did not answer within 10 s; the call was cancelled");
        assertThat(row.engine()).isNull();
        assertThat(row.root()).isEqualTo("(default)");
    }
}
