package dev.morganbuild.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.trend.RegressionDetector;
import dev.morganbuild.engine.trend.ServiceStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the written page carries: every chart's data beside its element, the stats rows, the builds newest first. */
class ReportPageTest {
    @TempDir
    Path out;

    static String data(String id, Object chart) throws Exception {
        return "<script type=\"application/json\" id=\"" + id + "\">" + Html.json(Json.mapper().writeValueAsString(chart))
                + "</script>";
    }

    @Test
    void shouldCarryEveryChartsDataNextToItsElement() throws Exception {
        ReportFixture f = ReportFixture.generate();
        ReportModel model = ReportBuilder.build("r", f.summaries, f::record, 200, RegressionDetector.defaults());

        String html = Files.readString(HtmlReportWriter.write(out, model));

        assertThat(html).contains("<div class=\"chart\" data-chart=\"chart-trend\" data-build-link=\"#build-{build}\"></div>\n"
                + data("chart-trend", model.trendChart()));
        assertThat(html).contains("<div class=\"chart chart--small\" data-chart=\"chart-cache\" data-build-link=\"#build-{build}\">"
                + "</div>\n" + data("chart-cache", model.cacheChart()));
        assertThat(html).contains("<h2>Timeline of the latest build (build " + ReportFixture.RUNS + ")</h2>")
                .contains("data-rows=\"" + ReportFixture.SERVICES.size() + "\"")
                .contains(data("chart-timeline", model.timelineChart()));
        // one step chart per last build that ran a step, numbered in order; without a build link
        assertThat(html).contains("<div class=\"steps\" data-chart=\"chart-steps-0\"></div>\n<script type=\"application/json\" "
                + "id=\"chart-steps-0\">");
        assertThat(html).contains("data-chart=\"chart-steps-1\"").contains("data-chart=\"chart-steps-2\"");
    }

    @Test
    void shouldWriteAStatsRowPerServiceWithItsTimesAndCacheHitPercentage() throws Exception {
        ReportFixture f = ReportFixture.generate();
        ReportModel model = ReportBuilder.build("r", f.summaries, f::record, 200, RegressionDetector.defaults());

        String html = Files.readString(HtmlReportWriter.write(out, model));

        for (ServiceStats s : model.stats()) {
            assertThat(s.cacheHitRatio()).isGreaterThan(0.0);
            assertThat(html).contains("<tr><td>" + s.service() + "</td><td>" + s.builds() + "</td><td>"
                    + dev.morganbuild.engine.trend.DurationText.format(s.medianMillis()) + "</td>")
                    .contains(String.format(Locale.ROOT, "<td>%.0f %%</td>", s.cacheHitRatio() * 100));
        }
    }

    @Test
    void shouldListTheBuildsNewestFirstEachWithItsStartAndServices() throws Exception {
        ReportFixture f = ReportFixture.generate();
        ReportModel model = ReportBuilder.build("r", f.summaries, f::record, 200, RegressionDetector.defaults());

        String html = Files.readString(HtmlReportWriter.write(out, model));

        int newest = html.indexOf("<section class=\"build\" id=\"build-" + ReportFixture.RUNS + "\">");
        int oldest = html.indexOf("<section class=\"build\" id=\"build-1\">");
        assertThat(newest).isPositive().isLessThan(oldest);
        ReportBuild first = model.builds().get(0);
        assertThat(first.start()).isEqualTo(first.services().get(0).start());
        assertThat(html).contains("<h3>Build 1 \u00b7 " + first.start() + "</h3>");
        assertThat(html.substring(oldest)).contains("<tr><td>core</td><td>");
    }
}
