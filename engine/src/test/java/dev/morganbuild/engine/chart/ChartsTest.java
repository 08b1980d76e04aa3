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
import dev.morganbuild.engine.trend.Regression;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ChartsTest {
    static JsonNode expected(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(ChartsTest.class.getResourceAsStream("/chart/" + name))) {
            return Json.mapper().readTree(in);
        }
    }

    static List<BuildSummary> history() {
        List<BuildSummary> builds = new ArrayList<>();
        builds.add(summary("core", 0, 22_000, BuildKind.COLD));
        builds.add(summary("core", 1, 1_500, BuildKind.WARM));
        builds.add(summary("core", 2, 21_000, BuildKind.NO_CACHE));
        builds.add(summary("tts", 3, 30_000, BuildKind.COLD));
        builds.add(summary("tts", 4, 2_000, BuildKind.WARM));
        return builds;
    }

    @Test
    void shouldDrawDurationLinesNightlyDiamondsCacheHitsAndRegressionMarkers() throws IOException {
        Regression r = new Regression("tts", "tts-4", history().get(4).start(), "warm", 1_000, 2_000, 3, null);

        JsonNode option = DurationTrendChart.build(history(), s -> "#" + s.offset(), List.of(r), 100);

        assertThat(option).isEqualTo(expected("duration-trend.json"));
    }

    @Test
    void shouldLimitEachServiceToTheLastNBuilds() {
        JsonNode option = DurationTrendChart.build(history(), s -> "#" + s.offset(), List.of(), 1);

        assertThat(option.get("series").get(0).get("data")).hasSize(0);
        assertThat(option.get("series").get(1).get("data")).hasSize(1);
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
    void shouldRenderTheSameJsonAsText() throws IOException {
        String text = Charts.durationTrend(history(), s -> "#" + s.offset(), List.of());

        assertThat(Json.mapper().readTree(text).get("series")).hasSize(6);
    }
}
