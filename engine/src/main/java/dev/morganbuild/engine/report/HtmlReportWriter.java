package dev.morganbuild.engine.report;

import dev.morganbuild.engine.chart.TimelineChart;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.trend.StepAnalysis;
import dev.morganbuild.engine.trend.TrendHeadline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes the self-contained HTML report: {@code index.html}, {@code report.js}, {@code report.css} and
 * {@code echarts.min.js} copied from the ECharts webjar (no CDN, works offline). Chart options are
 * embedded as JSON data blocks that report.js hands to ECharts; every user-provided text is escaped.
 * Trend points link to the build's section ({@code #build-N}), timeline bars to the service's steps.
 */
public final class HtmlReportWriter {
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.5.0/echarts.min.js";
    private static final String RESOURCES = "dev/morganbuild/engine/report/";

    private HtmlReportWriter() {
    }

    /** @return the written index.html */
    public static Path write(Path outDir, ReportModel m) throws IOException {
        Files.createDirectories(outDir);
        copyResource(ECHARTS, outDir.resolve("echarts.min.js"));
        copyResource(RESOURCES + "report.js", outDir.resolve("report.js"));
        copyResource(RESOURCES + "report.css", outDir.resolve("report.css"));
        StringBuilder h = new StringBuilder(65_536);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(Html.text(m.title())).append("</title>\n<link rel=\"stylesheet\" href=\"report.css\">\n")
                .append("<script src=\"echarts.min.js\"></script><script src=\"report.js\" defer></script>\n</head><body>\n");
        h.append("<h1>").append(Html.text(m.title())).append("</h1>\n<p>Generated ").append(m.generatedAt()).append("</p>\n");
        h.append("<p class=\"headline\" id=\"headline\">").append(Html.text(m.headline().text())).append("</p>\n")
                .append("<p class=\"formula\">Time saved = ").append(Html.text(TrendHeadline.FORMULA)).append(".</p>\n");
        h.append("<h2>Build time trend</h2>\n");
        chart(h, "chart-trend", "chart", "#build-{build}", Json.mapper().writeValueAsString(m.trendChart()));
        h.append("<h2>Cache hit rate</h2>\n");
        chart(h, "chart-cache", "chart chart--small", "#build-{build}", Json.mapper().writeValueAsString(m.cacheChart()));
        ReportTables.stats(h, m.stats());
        ReportTables.regressions(h, m.regressions());
        if (!m.latestRun().isEmpty()) {
            h.append("<h2>Timeline of the latest build (build ").append(m.builds().size()).append(")</h2>\n");
            h.append("<div class=\"chart\" id=\"timeline\" data-chart=\"chart-timeline\" data-kind=\"timeline\"")
                    .append(" data-service-link=\"#service-{service}\" data-rows=\"").append(m.latestRun().size())
                    .append("\" style=\"height:").append(TimelineChart.height(m.latestRun().size())).append("px\"></div>\n");
            data(h, "chart-timeline", Json.mapper().writeValueAsString(m.timelineChart()));
        }
        int i = 0;
        for (Map.Entry<String, BuildRecord> e : m.lastBuilds().entrySet()) {
            BuildRecord r = e.getValue();
            ReportTables.lastBuild(h, r);
            if (StepAnalysis.allCached(r)) {
                h.append("<p class=\"all-cached\">").append(Html.text(StepAnalysis.allCachedText(r))).append("</p>\n");
            } else {
                String id = "chart-steps-" + i++;
                chart(h, id, "steps", null, Json.mapper().writeValueAsString(m.stepCharts().get(e.getKey())));
            }
            ReportTables.steps(h, r);
        }
        ReportTables.builds(h, m.builds());
        h.append("<pre id=\"report-status\" hidden></pre>\n</body></html>\n");
        Path index = outDir.resolve("index.html");
        Files.writeString(index, h, StandardCharsets.UTF_8);
        return index;
    }

    private static void chart(StringBuilder h, String id, String cls, String buildLink, String json) {
        h.append("<div class=\"").append(cls).append("\" data-chart=\"").append(id).append('"');
        if (buildLink != null) {
            h.append(" data-build-link=\"").append(Html.text(buildLink)).append('"');
        }
        h.append("></div>\n");
        data(h, id, json);
    }

    private static void data(StringBuilder h, String id, String json) {
        h.append("<script type=\"application/json\" id=\"").append(id).append("\">").append(Html.json(json)).append("</script>\n");
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = HtmlReportWriter.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " is missing from the classpath");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
