package dev.morganbuild.engine.chart;

import static dev.morganbuild.engine.trend.Builds.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.StepRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The charts' documented limits: the timeline's height, the minutes threshold, label and error lengths. */
class ChartLimitsTest {
    @Test
    void shouldGiveTheTimelineAtLeast160PixelsAndThirtyMorePerRow() {
        assertThat(TimelineChart.height(0)).isEqualTo(160);
        assertThat(TimelineChart.height(2)).isEqualTo(160);
        assertThat(TimelineChart.height(3)).isEqualTo(180);
        assertThat(TimelineChart.height(10)).isEqualTo(390);
    }

    @Test
    void shouldSwitchToMinutesAtExactlyTwoMinutes() {
        assertThat(TimeUnit.forMax(() -> 119_999)).isEqualTo(TimeUnit.SECONDS);
        assertThat(TimeUnit.forMax(() -> 120_000)).isEqualTo(TimeUnit.MINUTES);
    }

    @Test
    void shouldShortenStepLabelsOver60CharactersWithAnEllipsis() {
        String sixty = "x".repeat(60);
        assertThat(StepBreakdownChart.shorten(sixty)).isEqualTo(sixty);
        assertThat(StepBreakdownChart.shorten(sixty + "y")).isEqualTo("x".repeat(59) + "…");
        assertThat(StepBreakdownChart.shorten("RUN  a \n\t b")).isEqualTo("RUN a b");
    }

    static StepRecord failed(String error) {
        return new StepRecord(3, "[app 2/2] RUN npm ci", "app", "RUN", 1_500, false, StepRecord.StepStatus.ERROR, error);
    }

    @Test
    void shouldShowTheFirstLineOfAStepsErrorUpTo200Characters() {
        assertThat(StepBreakdownChart.errorLine(failed(null))).isEmpty();
        assertThat(StepBreakdownChart.errorLine(failed("  "))).isEmpty();
        assertThat(StepBreakdownChart.errorLine(failed("  exit code: 1\nnpm ERR! 404"))).isEqualTo("<br>exit code: 1");
        String line200 = "e".repeat(200);
        assertThat(StepBreakdownChart.errorLine(failed(line200))).isEqualTo("<br>" + line200);
        assertThat(StepBreakdownChart.errorLine(failed(line200 + "f"))).isEqualTo("<br>" + "e".repeat(199) + "\u2026");
    }

    @Test
    void shouldRenderTheTimelineAndAStepBreakdownAsTheirJson() throws Exception {
        BuildRecord core = TimelineChartTest.record("core", "agent-1", 0, 10_000, BuildKind.WARM, BuildStatus.SUCCESS,
                List.of(step(4, "[app 3/4] RUN pip install -r requirements.txt", 6_000, false)));

        JsonNode timeline = Json.mapper().readTree(Charts.timeline(List.of(core)));
        JsonNode steps = Json.mapper().readTree(Charts.stepBreakdown(core));

        assertThat(timeline).isEqualTo(TimelineChart.build(List.of(core)));
        assertThat(timeline.path("title").path("text").asText()).isEqualTo("Timeline of the run");
        assertThat(steps).isEqualTo(StepBreakdownChart.build(core));
        assertThat(steps.path("title").path("text").asText()).isEqualTo("core: time per step");
    }
}
