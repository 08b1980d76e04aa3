package dev.morganbuild.engine.chart;

import static dev.morganbuild.engine.trend.Builds.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.StepRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineChartTest {
    static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");

    /** One run: web (agent-2) waits for stt, tts (agent-1) for core; stt fully cached; web fails at npm ci. */
    static List<BuildRecord> run() {
        BuildRecord core = record("core", "agent-1", 0, 10_000, BuildKind.WARM, BuildStatus.SUCCESS, List.of(
                step(2, "[app 1/4] RUN apt-get install -y curl", 0, true), step(3, "[app 2/4] COPY requirements.txt .", 0, true),
                step(4, "[app 3/4] RUN pip install -r requirements.txt", 6_000, false),
                step(5, "[app 4/4] COPY app /srv", 1_000, false)));
        BuildRecord tts = record("tts", "agent-1", 10_500, 4_000, BuildKind.COLD, BuildStatus.SUCCESS, List.of(
                step(2, "[app 1/1] RUN make", 3_000, false)));
        BuildRecord stt = record("stt", "agent-2", 0, 1_200, BuildKind.WARM, BuildStatus.SUCCESS, List.of(
                step(2, "[app 1/3] RUN a", 0, true), step(3, "[app 2/3] RUN b", 0, true), step(4, "[app 3/3] RUN c", 0, true)));
        BuildRecord web = record("web", "agent-2", 1_400, 2_000, BuildKind.WARM, BuildStatus.FAILED, List.of(
                step(2, "[app 1/2] COPY package.json .", 0, true),
                new StepRecord(3, "[app 2/2] RUN npm ci", "app", "RUN", 1_500, false, StepRecord.StepStatus.ERROR,
                        "process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 1\nnpm ERR! 404")));
        return List.of(web, tts, stt, core);
    }

    static BuildRecord record(String service, String node, long offsetMillis, long millis, BuildKind kind, BuildStatus status,
                              List<StepRecord> steps) {
        int cached = (int) steps.stream().filter(s -> s.isBuildStep() && s.cached()).count();
        return BuildRecord.builder(service + "-1", "run-1", service).start(T0.plusMillis(offsetMillis)).durationMillis(millis)
                .steps(steps).stepsCached(cached).stepsTotal(steps.size()).kind(kind).node(node).status(status).build();
    }

    @Test
    void shouldMatchTheGoldenTimeline() throws IOException {
        assertThat(TimelineChart.build(run())).isEqualTo(ChartsTest.expected("timeline.json"));
    }

    @Test
    void shouldDrawOneRowPerServiceGroupedByNodeInOrderOfStart() {
        JsonNode option = TimelineChart.build(run());

        assertThat(labels(option)).containsExactly("core  \u00b7  agent-1", "tts  \u00b7  agent-1", "stt  \u00b7  agent-2",
                "web  \u00b7  agent-2");
        assertThat(values(option.path("series").get(0))).containsExactly(0.0, 10.5, 0.0, 1.4);
    }

    @Test
    void shouldSplitEachBarIntoStepsThatAddUpToTheServicesTime() {
        JsonNode series = TimelineChart.build(run()).path("series");

        List<Double> widths = new ArrayList<>(List.of(0.0, 0.0, 0.0, 0.0));
        for (int k = 1; k < series.size(); k++) {
            List<Double> v = values(series.get(k));
            for (int row = 0; row < 4; row++) {
                widths.set(row, widths.get(row) + v.get(row));
            }
        }
        assertThat(widths).containsExactly(10.0, 4.0, 1.2, 2.0);
        JsonNode core = series.get(1).path("data").get(0);
        assertThat(core.path("itemStyle").path("color").asText()).isEqualTo(StepBreakdownChart.CACHED);
        assertThat(core.path("tip").asText()).contains("2 cached steps").contains("3.0 s");
        assertThat(series.get(2).path("data").get(0).path("itemStyle").path("color").asText())
                .isEqualTo(StepBreakdownChart.INVALIDATED);
    }

    @Test
    void shouldSayAllStepsCachedOnAFullyCachedServicesBar() {
        JsonNode stt = TimelineChart.build(run()).path("series").get(1).path("data").get(2);

        assertThat(stt.path("label").path("formatter").asText()).isEqualTo("all 3 steps cached in 1.2 s");
        assertThat(stt.path("value").asDouble()).isEqualTo(1.2);
    }

    @Test
    void shouldColourTheFailedStepAndShowDockersError() {
        JsonNode series = TimelineChart.build(run()).path("series");

        JsonNode failed = series.get(2).path("data").get(3);
        assertThat(failed.path("itemStyle").path("color").asText()).isEqualTo(StepBreakdownChart.FAILED);
        assertThat(failed.path("tip").asText()).contains("failed").contains("exit code: 1").doesNotContain("npm ERR!");
        assertThat(failed.path("service").asText()).isEqualTo("web");
    }

    @Test
    void shouldFitParallelStepsIntoTheServicesWallTime() {
        BuildRecord r = record("core", "a", 0, 5_000, BuildKind.COLD, BuildStatus.SUCCESS, List.of(
                step(2, "[x 1/1] RUN a", 4_000, false), step(3, "[y 1/1] RUN b", 6_000, false)));

        List<TimelineSegments.Segment> segments = TimelineSegments.of(r);

        assertThat(segments).extracting(TimelineSegments.Segment::millis).containsExactly(2_000L, 3_000L);
        assertThat(segments.get(1).tip()).contains("6.0 s");
    }

    private static List<String> labels(JsonNode option) {
        List<String> out = new ArrayList<>();
        option.path("yAxis").path("data").forEach(l -> out.add(l.asText()));
        return out;
    }

    private static List<Double> values(JsonNode series) {
        List<Double> out = new ArrayList<>();
        series.path("data").forEach(p -> out.add(p.isObject() ? p.path("value").asDouble() : p.asDouble()));
        return out;
    }
}
