package dev.morganbuild.engine.report;

import static dev.morganbuild.engine.trend.Builds.record;
import static dev.morganbuild.engine.trend.Builds.step;
import static dev.morganbuild.engine.trend.Builds.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.trend.RegressionDetector;
import dev.morganbuild.engine.trend.StepAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {
    static final String HOSTILE = "<script>alert(1)</script>";

    @Test
    void shouldWriteASelfContainedReportWithStatsChartsStepsAndRegressions(@TempDir Path out) throws Exception {
        List<BuildSummary> builds = new ArrayList<>();
        Map<String, BuildRecord> records = new HashMap<>();
        long[] times = {10_000, 10_000, 10_000, 10_000, 40_000, 40_000, 40_000};
        for (int i = 0; i < times.length; i++) {
            BuildSummary s = summary("core", i, times[i], BuildKind.WARM);
            builds.add(s);
            records.put(s.id(), record(s, List.of(step(4, "[base 1/3] WORKDIR /srv", 0, true), step(5, "[base 2/2] RUN apt-get install " + HOSTILE, 100, i < 4),
                    step(6, "[app 1/1] COPY core/app /srv/core", 100, false))));
        }
        BuildSummary hostile = summary(HOSTILE, 9, 1_000, BuildKind.COLD);
        builds.add(hostile);
        records.put(hostile.id(), record(hostile, List.of(step(5, "[app 1/1] RUN true", 1_000, false))));

        ReportModel model = ReportBuilder.build("morgan-build report", builds,
                s -> Optional.ofNullable(records.get(s.id())), 100, RegressionDetector.defaults());
        Path index = HtmlReportWriter.write(out, model);

        String html = Files.readString(index);
        assertThat(html).contains("<td>core</td>").contains("Regressions").contains("core: warm builds 10.0 s -&gt; 40.0 s")
                .contains("cache invalidated here").contains("Last build of core");
        assertThat(html).doesNotContain(HOSTILE).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).doesNotContainPattern("src=\"https?://").doesNotContain("<script>alert");
        assertThat(html).contains("<script src=\"echarts.min.js\"></script>");
        assertThat(Files.size(out.resolve("echarts.min.js"))).isGreaterThan(500_000);
        assertThat(out.resolve("report.js")).content().contains("echarts.init");
    }

    @Test
    void shouldMarkTheStepABuildFailedAtWithDockersErrorFirst(@TempDir Path out) throws Exception {
        BuildSummary s = new BuildSummary("core-1", "core", java.time.Instant.parse("2026-11-01T02:00:00Z"), 3_000, 1, 8, BuildKind.WARM, false,
                dev.morganbuild.engine.record.BuildStatus.FAILED, 1);
        StepRecord failed = new StepRecord(6, "[app 1/1] RUN pip install -r requirements.txt", "app", "RUN", 200, false,
                StepRecord.StepStatus.ERROR, "process \"/bin/sh -c pip install\" did not complete successfully: exit code: 1\n"
                + "ERROR: No matching distribution found for torch==9.9 " + HOSTILE);
        BuildRecord r = record(s, List.of(step(4, "[base 1/3] WORKDIR /srv", 0, true),
                step(5, "[base 2/2] RUN apt-get install curl", 2_500, false), failed));

        Path index = HtmlReportWriter.write(out, ReportBuilder.build("r", List.of(s), x -> Optional.of(r), 10,
                RegressionDetector.defaults()));

        String html = Files.readString(index);
        String table = html.substring(html.indexOf(">Last build of core</h2>"));
        assertThat(table).containsSubsequence("[app 1/1] RUN pip install", "failed", "exit code: 1",
                "No matching distribution found for torch==9.9", "[base 2/2] RUN apt-get install curl");
        assertThat(table).contains("<tr class=\"failed\">").doesNotContain(HOSTILE);
        assertThat(StepAnalysis.verdict(r, failed)).isEqualTo(StepAnalysis.Verdict.FAILED);
        assertThat(StepAnalysis.verdict(r, r.steps().get(1))).isEqualTo(StepAnalysis.Verdict.INVALIDATED);
        var bars = dev.morganbuild.engine.chart.StepBreakdownChart.build(r).path("series").get(0).path("data");
        assertThat(bars.get(0).path("name").asText()).isEqualTo("failed");
        assertThat(bars.get(0).path("label").path("formatter").asText()).isEqualTo("failed here");
    }

    @Test
    void shouldSayNoRegressionsWhenThereAreNone(@TempDir Path out) throws Exception {
        List<BuildSummary> builds = List.of(summary("core", 0, 1_000, BuildKind.COLD));

        Path index = HtmlReportWriter.write(out, ReportBuilder.build("r", builds, s -> Optional.empty(), 10,
                RegressionDetector.defaults()));

        assertThat(Files.readString(index)).contains("No regressions.");
    }

    @Test
    void shouldNumberTheBuildsByRunAndLinkEveryTrendPointToItsBuildsSection(@TempDir Path out) throws Exception {
        ReportFixture f = ReportFixture.generate();

        ReportModel model = ReportBuilder.build("r", f.summaries, f::record, 200, RegressionDetector.defaults());
        String html = Files.readString(HtmlReportWriter.write(out, model));

        assertThat(model.builds()).hasSize(ReportFixture.RUNS);
        assertThat(model.builds().get(0).services()).extracting(BuildSummary::service)
                .containsExactlyInAnyOrderElementsOf(ReportFixture.SERVICES);
        var x = model.trendChart().path("xAxis").path("data");
        assertThat(x).hasSize(ReportFixture.RUNS);
        assertThat(x.get(0).asText()).isEqualTo("1");
        for (var series : model.trendChart().path("series")) {
            assertThat(series.path("data")).hasSize(ReportFixture.RUNS);
        }
        assertThat(model.trendChart().path("series")).hasSize(ReportFixture.SERVICES.size());
        assertThat(model.cacheChart().path("series")).hasSize(ReportFixture.SERVICES.size());
        assertThat(html).contains("data-chart=\"chart-trend\" data-build-link=\"#build-{build}\"")
                .contains("<section class=\"build\" id=\"build-1\">").contains("<section class=\"build\" id=\"build-30\">")
                .contains("The cache saved ").contains("Time saved = sum over warm builds");
    }

    @Test
    void shouldShowOnlyTheLastNBuilds(@TempDir Path out) throws Exception {
        ReportFixture f = ReportFixture.generate();

        ReportModel model = ReportBuilder.build("r", f.summaries, f::record, 10, RegressionDetector.defaults());

        assertThat(model.builds()).hasSize(10);
        assertThat(model.trendChart().path("xAxis").path("data")).hasSize(10);
        assertThat(model.headline().builds()).isEqualTo(10);
        assertThat(model.stats().get(0).builds()).isEqualTo(10);
    }

    @Test
    void shouldDrawTheLatestBuildAsATimelineAndSayWhenAServiceWasAllCached(@TempDir Path out) throws Exception {
        ReportFixture f = ReportFixture.generate();

        ReportModel model = ReportBuilder.build("r", f.summaries, f::record, 200, RegressionDetector.defaults());
        String html = Files.readString(HtmlReportWriter.write(out, model));

        assertThat(model.latestRun()).extracting(BuildRecord::service).containsExactlyInAnyOrderElementsOf(ReportFixture.SERVICES);
        assertThat(model.timelineChart().path("yAxis").path("data")).hasSize(ReportFixture.SERVICES.size());
        assertThat(html).contains("data-kind=\"timeline\"").contains("<p class=\"all-cached\">all 6 steps cached in")
                .doesNotContain("data-chart=\"chart-steps-3\"");
        assertThat(out.resolve("report.css")).content().contains(".chart");
    }
}
