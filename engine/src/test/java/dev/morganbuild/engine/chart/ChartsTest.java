package dev.morganbuild.engine.chart;

import static dev.morganbuild.engine.trend.Builds.record;
import static dev.morganbuild.engine.trend.Builds.step;
import static dev.morganbuild.engine.trend.Builds.summary;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.trend.Regression;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ChartsTest {
    static final Function<BuildSummary, String> BUILD = s -> String.valueOf(s.offset());

    static JsonNode expected(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(ChartsTest.class.getResourceAsStream("/chart/" + name))) {
            return Json.mapper().readTree(in);
        }
    }

    /** Builds 0..3: core in all of them (cold, warm, nightly, warm), tts in 1 and 3 only. */
    static List<BuildSummary> history() {
        List<BuildSummary> builds = new ArrayList<>();
        builds.add(summary("core", 0, 22_000, BuildKind.COLD));
        builds.add(summary("core", 1, 1_500, BuildKind.WARM));
        builds.add(summary("tts", 1, 30_000, BuildKind.COLD));
        builds.add(summary("core", 2, 21_000, BuildKind.NO_CACHE));
        builds.add(summary("core", 3, 1_400, BuildKind.WARM));
        builds.add(summary("tts", 3, 2_000, BuildKind.WARM));
        return builds;
    }

    @Test
    void shouldMatchTheGoldenDurationTrend() throws IOException {
        Regression r = new Regression("tts", "tts-3", history().get(5).start(), "warm", 1_000, 2_000, 3, null);

        assertThat(DurationTrendChart.build(history(), BUILD, List.of(r), 100)).isEqualTo(expected("duration-trend.json"));
    }

    @Test
    void shouldMatchTheGoldenCacheHitTrend() throws IOException {
        assertThat(CacheHitChart.build(history(), BUILD, 100)).isEqualTo(expected("cache-hit.json"));
    }

    @Test
    void shouldDrawOneLinePerServiceWithOnePointPerBuild() {
        for (JsonNode option : List.of(DurationTrendChart.build(history(), BUILD, List.of(), 100),
                CacheHitChart.build(history(), BUILD, 100))) {
            ChartData chart = ChartData.of(option);

            assertThat(chart.builds()).containsExactly("0", "1", "2", "3");
            assertThat(chart.services()).containsExactly("core", "tts");
            assertThat(chart.points("core")).hasSize(4).doesNotContainNull();
            assertThat(chart.points("tts")).containsExactly(null, chart.points("tts").get(1), null,
                    chart.points("tts").get(3));
            assertThat(chart.linkedBuilds("tts")).containsExactly(null, "1", null, "3");
        }
        assertThat(ChartData.of(DurationTrendChart.build(history(), BUILD, List.of(), 100)).points("core"))
                .containsExactly(22.0, 1.5, 21.0, 1.4);
        assertThat(ChartData.of(CacheHitChart.build(history(), BUILD, 100)).points("tts"))
                .containsExactly(null, 0.0, null, 100.0);
    }

    @Test
    void shouldMarkTheKindBySymbolOnTheServicesOwnLine() {
        JsonNode core = DurationTrendChart.build(history(), BUILD, List.of(), 100).path("series").get(0).path("data");

        assertThat(List.of(core.get(0), core.get(1), core.get(2))).extracting(p -> p.path("symbol").asText())
                .containsExactly("rect", "circle", "diamond");
        assertThat(core.get(2).path("tip").asText()).contains("build 2").contains("core").contains("no-cache")
                .contains("21.0 s").contains("0/8 steps cached");
    }

    @Test
    void shouldDrawAFailedBuildAsARedTriangleAndLeaveOutSkippedOnes() {
        List<BuildSummary> builds = new ArrayList<>(history());
        builds.add(new BuildSummary("core-4", "core", history().get(4).start().plusSeconds(3600), 900, 2, 8, BuildKind.WARM,
                false, BuildStatus.FAILED, 4));
        builds.add(new BuildSummary("tts-4", "tts", history().get(4).start().plusSeconds(3600), 0, 0, 0, null, false,
                BuildStatus.SKIPPED, 4));

        ChartData chart = ChartData.of(DurationTrendChart.build(builds, BUILD, List.of(), 100));

        JsonNode failed = chart.item("core", 4);
        assertThat(failed.path("symbol").asText()).isEqualTo("triangle");
        assertThat(failed.path("itemStyle").path("color").asText()).isEqualTo(DurationTrendChart.REGRESSION);
        assertThat(failed.path("tip").asText()).contains("failed");
        assertThat(chart.points("tts").get(4)).isNull();
    }

    @Test
    void shouldPinARegressionOnItsFirstBuild() {
        Regression r = new Regression("core", "core-3", history().get(4).start(), "warm", 1_000, 1_400, 3, null);

        JsonNode pin = DurationTrendChart.build(history(), BUILD, List.of(r), 100).path("series").get(0)
                .path("markPoint").path("data").get(0);

        assertThat(pin.path("coord").get(0).asText()).isEqualTo("3");
        assertThat(pin.path("build").asText()).isEqualTo("3");
        assertThat(pin.path("tip").asText()).contains("1.0 s \u2192 1.4 s");
    }

    @Test
    void shouldDrawOnlyTheLastNBuilds() {
        ChartData chart = ChartData.of(DurationTrendChart.build(history(), BUILD, List.of(), 2));

        assertThat(chart.builds()).containsExactly("2", "3");
        assertThat(chart.points("core")).containsExactly(21.0, 1.4);
        assertThat(chart.points("tts")).containsExactly(null, 2.0);
    }

    @Test
    void shouldGiveAServiceTheSameColourOnBothTrendCharts() {
        ChartData durations = ChartData.of(DurationTrendChart.build(history(), BUILD, List.of(), 100));
        ChartData hits = ChartData.of(CacheHitChart.build(history(), BUILD, 100));

        assertThat(durations.color("tts")).isEqualTo(hits.color("tts")).isNotEqualTo(durations.color("core"));
    }

    @Test
    void shouldDrawMinutesOnceABuildPassesTwoMinutes() {
        List<BuildSummary> slow = List.of(summary("core", 0, 185_000, BuildKind.COLD));

        JsonNode option = DurationTrendChart.build(slow, BUILD, List.of(), 100);

        assertThat(option.path("yAxis").path("axisLabel").path("formatter").asText()).isEqualTo("{value} min");
        assertThat(ChartData.of(option).points("core")).containsExactly(3.08);
    }

    @Test
    void shouldDrawStepsSlowestFirstAndMarkTheStepThatInvalidatedTheCache() throws IOException {
        BuildRecord r = record(summary("core", 1, 8_000, BuildKind.WARM), List.of(
                step(5, "[base 2/2] RUN apt-get install -y python3", 0, true),
                step(7, "[deps 1/2] COPY core/requirements.txt /opt/core/", 300, false),
                step(8, "[deps 2/2] RUN pip install -r /opt/core/requirements.txt", 6_000, false),
                step(9, "[app 1/1] COPY core/app /srv/core", 200, false)));

        assertThat(StepBreakdownChart.build(r)).isEqualTo(expected("step-breakdown.json"));
    }

    @Test
    void shouldPutTheStepChartsUnitOnItsLabelsNotInAClippedAxisName() {
        BuildRecord r = record(summary("core", 1, 8_000, BuildKind.WARM), List.of(step(8, "[deps 2/2] RUN pip install", 6_000, false)));

        JsonNode x = StepBreakdownChart.build(r).path("xAxis");

        assertThat(x.has("name")).isFalse();
        assertThat(x.path("axisLabel").path("formatter").asText()).isEqualTo("{value} s");
    }

    @Test
    void shouldRenderTheSameJsonAsText() throws IOException {
        String text = Charts.durationTrend(history(), BUILD, List.of());

        assertThat(Json.mapper().readTree(text)).isEqualTo(DurationTrendChart.build(history(), BUILD, List.of(),
                Charts.DEFAULT_LAST));
        assertThat(Json.mapper().readTree(Charts.cacheHitTrend(history(), BUILD)).path("series")).hasSize(2);
    }
}
