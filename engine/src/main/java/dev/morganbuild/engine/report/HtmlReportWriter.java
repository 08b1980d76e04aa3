package dev.morganbuild.engine.report;

import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.engine.trend.ServiceStats;
import dev.morganbuild.engine.trend.StepAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the self-contained HTML report: {@code index.html}, {@code report.js} and
 * {@code echarts.min.js} copied from the ECharts webjar (no CDN, works offline). Chart options are
 * embedded as JSON data blocks that report.js hands to ECharts; every user-provided text is escaped.
 */
public final class HtmlReportWriter {
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.5.0/echarts.min.js";

    private HtmlReportWriter() {
    }

    /** @return the written index.html */
    public static Path write(Path outDir, ReportModel m) throws IOException {
        Files.createDirectories(outDir);
        copyResource(ECHARTS, outDir.resolve("echarts.min.js"));
        copyResource("dev/morganbuild/engine/report/report.js", outDir.resolve("report.js"));
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(Html.text(m.title())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;white-space:nowrap}td:first-child{white-space:normal}td:first-child,th:first-child{text-align:left}")
                .append(".chart{width:100%;height:420px}.steps{width:100%;height:360px}.cached{color:#777}")
                .append(".culprit{color:#d32f2f;font-weight:bold}.failed{color:#4a148c;font-weight:bold;background:#f3e5f5}.step-error{white-space:pre-wrap;font-weight:normal;margin:.3em 0 0}.regression{color:#d32f2f}</style>\n")
                .append("<script src=\"echarts.min.js\"></script><script src=\"report.js\" defer></script>\n</head><body>\n");
        h.append("<h1>").append(Html.text(m.title())).append("</h1>\n<p>Generated ").append(m.generatedAt()).append("</p>\n");
        statsTable(h, m);
        regressions(h, m);
        h.append("<h2>Build time trend</h2>\n<div class=\"chart\" data-chart=\"chart-trend\"></div>\n");
        chartData(h, "chart-trend", Json.mapper().writeValueAsString(m.trendChart()));
        int i = 0;
        for (Map.Entry<String, BuildRecord> e : m.lastBuilds().entrySet()) {
            String id = "chart-steps-" + i++;
            lastBuild(h, e.getValue());
            h.append("<div class=\"steps\" data-chart=\"").append(id).append("\"></div>\n");
            chartData(h, id, Json.mapper().writeValueAsString(m.stepCharts().get(e.getKey())));
        }
        h.append("</body></html>\n");
        Path index = outDir.resolve("index.html");
        Files.writeString(index, h, StandardCharsets.UTF_8);
        return index;
    }

    private static void statsTable(StringBuilder h, ReportModel m) {
        h.append("<h2>Services</h2>\n<table><tr><th>service</th><th>builds</th><th>median</th><th>p90</th>")
                .append("<th>cold (median)</th><th>warm (median)</th><th>no-cache (median)</th><th>cache hit</th>")
                .append("<th>time saved by cache</th><th>last</th></tr>\n");
        for (ServiceStats s : m.stats()) {
            h.append("<tr><td>").append(Html.text(s.service())).append("</td><td>").append(s.builds()).append("</td><td>")
                    .append(secs(s.medianMillis())).append("</td><td>").append(secs(s.p90Millis())).append("</td><td>")
                    .append(secs(s.medianColdMillis())).append("</td><td>").append(secs(s.medianWarmMillis()))
                    .append("</td><td>").append(secs(s.medianNoCacheMillis())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.0f %%", s.cacheHitRatio() * 100)).append("</td><td>")
                    .append(secs(s.timeSavedMillis())).append("</td><td>").append(secs(s.lastMillis())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void regressions(StringBuilder h, ReportModel m) {
        h.append("<h2>Regressions</h2>\n");
        if (m.regressions().isEmpty()) {
            h.append("<p>No regressions.</p>\n");
            return;
        }
        h.append("<ul>\n");
        for (Regression r : m.regressions()) {
            h.append("<li class=\"regression\">").append(Html.text(r.describe())).append("</li>\n");
        }
        h.append("</ul>\n");
    }

    private static void lastBuild(StringBuilder h, BuildRecord r) {
        h.append("<h2>Last build of ").append(Html.text(r.service())).append("</h2>\n<p>")
                .append(Html.text(dev.morganbuild.engine.record.BuildKind.label(r.kind(), r.nightly())))
                .append(", ").append(secs(r.durationMillis())).append(", ").append(r.stepsCached()).append('/')
                .append(r.stepsTotal()).append(" steps cached, ").append(Html.text(r.status().name().toLowerCase(Locale.ROOT)))
                .append(" on ").append(Html.text(r.node())).append("</p>\n<table><tr><th>step (slowest first)</th>")
                .append("<th>time</th><th>cache</th></tr>\n");
        for (StepRecord s : StepAnalysis.slowestFirst(r)) {
            StepAnalysis.Verdict verdict = StepAnalysis.verdict(r, s);
            String cls = switch (verdict) {
                case FAILED -> "failed";
                case CACHED -> "cached";
                case INVALIDATED -> "culprit";
                case RAN -> "";
            };
            h.append("<tr class=\"").append(cls).append("\"><td>").append(Html.text(s.name())).append("</td><td>")
                    .append(secs(s.durationMillis())).append("</td><td>").append(Html.text(verdict.label()));
            if (s.error() != null) {
                h.append("<pre class=\"step-error\">").append(Html.text(s.error())).append("</pre>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void chartData(StringBuilder h, String id, String json) {
        h.append("<script type=\"application/json\" id=\"").append(id).append("\">").append(Html.json(json)).append("</script>\n");
    }

    private static String secs(long millis) {
        return millis < 0 ? "–" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
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
