package dev.morganbuild.jenkins.caches;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The caches page's bar and prune lines (plain records, no Jenkins). */
class CachesPageRowsTest {
    private static final long GIB = 1L << 30;
    private static final Instant STARTED = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void shouldScaleTheBarToUsedPlusFreeDiskAndMarkTheBudget() {
        EngineCacheView.Bar bar = EngineCacheView.Bar.of(2 * GIB, 10 * GIB, 18 * GIB);

        assertThat(bar.usedPercent()).isEqualTo("10.00");
        assertThat(bar.budgetPercent()).isEqualTo("50.00");
        assertThat(bar.overBudget()).isFalse();
        assertThat(bar.label()).isEqualTo("used 2.0 GiB, budget 10.0 GiB, free disk 18.0 GiB");
    }

    @Test
    void shouldKeepASmallCacheVisibleOnTheBar() {
        assertThat(EngineCacheView.Bar.of(168L << 20, null, 72 * GIB).usedPercent()).isEqualTo("0.50");
        assertThat(EngineCacheView.Bar.of(0, null, 72 * GIB).usedPercent()).isEqualTo("0.00");
    }

    @Test
    void shouldMarkABarPastItsBudget() {
        EngineCacheView.Bar bar = EngineCacheView.Bar.of(12 * GIB, 10 * GIB, 28 * GIB);

        assertThat(bar.overBudget()).isTrue();
        assertThat(bar.usedClass()).contains("morgan-bar__used--over");
    }

    @Test
    void shouldPutABudgetLargerThanTheDiskAtTheBarsEnd() {
        assertThat(EngineCacheView.Bar.of(GIB, 100 * GIB, 3 * GIB).budgetPercent()).isEqualTo("100.00");
    }

    @Test
    void shouldScaleTheBarToTheBudgetWhenTheDiskIsUnknown() {
        EngineCacheView.Bar bar = EngineCacheView.Bar.of(5 * GIB, 20 * GIB, null);

        assertThat(bar.usedPercent()).isEqualTo("25.00");
        assertThat(bar.label()).endsWith("free disk unknown");
    }

    @Test
    void shouldFillTheBarWithoutBudgetOrDisk() {
        EngineCacheView.Bar bar = EngineCacheView.Bar.of(5 * GIB, null, null);

        assertThat(bar.usedPercent()).isEqualTo("100.00");
        assertThat(bar.budgetPercent()).isNull();
    }

    @Test
    void shouldSayWhereAndSinceWhenAPruneRuns() {
        AgentCacheRow.PruneView v = AgentCacheRow.PruneView.of("agent-1",
                new PruneJobs.Job("the engine's exec.cachemount records", STARTED, null, null, null));

        assertThat(v.running()).isTrue();
        assertThat(v.text()).isEqualTo("Prune running on agent-1 since 2026-12-03 10:00:00 UTC: the engine's exec.cachemount records.");
    }

    @Test
    void shouldSayWhatAFinishedPruneReclaimedAndWhen() {
        AgentCacheRow.PruneView v = AgentCacheRow.PruneView.of("agent-1", new PruneJobs.Job("the engine's cache mount apt",
                STARTED, STARTED.plusSeconds(75), "removed 2 records of cache mount apt, reclaimed 310.4 MiB", null));

        assertThat(v.running()).isFalse();
        assertThat(v.failed()).isFalse();
        assertThat(v.text()).isEqualTo("Last prune, the engine's cache mount apt: removed 2 records of cache mount apt, "
                + "reclaimed 310.4 MiB; finished 2026-12-03 10:01:15 UTC (took 1 min 15 s).");
    }

    @Test
    void shouldShowAFailedPrunesError() {
        AgentCacheRow.PruneView v = AgentCacheRow.PruneView.of("gpu-1", new PruneJobs.Job("the engine's regular records",
                STARTED, STARTED.plusSeconds(3), null, "docker: permission denied"));

        assertThat(v.failed()).isTrue();
        assertThat(v.cssClass()).contains("morgan-prune--failed");
        assertThat(v.text()).endsWith("failed at 2026-12-03 10:00:03 UTC (after 3 s): docker: permission denied");
    }
}
