package dev.morganbuild.engine.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.trend.Regression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * ECharts option for the build-time trend: per service a duration line (seconds) over time, its
 * nightly / no-cache builds as a separate series of diamonds (they are slow by design and must not
 * read as regressions), a dashed cache-hit line on a second axis (percent), and a marker at the first
 * build of each regression. The Jenkins job page and the HTML report draw this same JSON.
 */
public final class DurationTrendChart {
    private DurationTrendChart() {
    }

    /**
     * @param oldestFirst summaries, oldest first (any services)
     * @param label       text naming a build in tooltips (e.g. "#42" in Jenkins, a run id in the CLI)
     * @param regressions regressions to mark
     * @param lastN       builds per service to draw
     */
    public static ObjectNode build(List<BuildSummary> oldestFirst, Function<BuildSummary, String> label,
                                   List<Regression> regressions, int lastN) {
        Map<String, List<BuildSummary>> byService = new LinkedHashMap<>();
        for (BuildSummary s : oldestFirst) {
            if (s.status() == BuildStatus.SUCCESS) {
                byService.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s);
            }
        }
        ObjectNode option = Json.mapper().createObjectNode();
        option.putObject("title").put("text", "Build time per service").put("left", "center");
        option.putObject("tooltip").put("trigger", "item");
        ObjectNode legend = option.putObject("legend").put("type", "scroll").put("bottom", 0);
        option.putObject("grid").put("left", 60).put("right", 60).put("bottom", 70).put("top", 50);
        option.putObject("xAxis").put("type", "time").put("name", "build start").put("nameLocation", "middle")
                .put("nameGap", 26);
        ArrayNode yAxes = option.putArray("yAxis");
        yAxes.addObject().put("type", "value").put("name", "seconds").put("min", 0);
        yAxes.addObject().put("type", "value").put("name", "cache hit %").put("min", 0).put("max", 100)
                .putObject("splitLine").put("show", false);
        ArrayNode series = option.putArray("series");
        ArrayNode legendData = legend.putArray("data");
        byService.forEach((service, all) -> {
            List<BuildSummary> list = all.subList(Math.max(0, all.size() - lastN), all.size());
            ObjectNode line = series.addObject().put("name", service).put("type", "line").put("showSymbol", true);
            line.putArray("data");
            ObjectNode nightly = series.addObject().put("name", service + " (nightly / no-cache)").put("type", "scatter")
                    .put("symbol", "diamond").put("symbolSize", 11);
            nightly.putArray("data");
            ObjectNode hits = series.addObject().put("name", service + " cache hit %").put("type", "line")
                    .put("yAxisIndex", 1).put("showSymbol", false);
            hits.putObject("lineStyle").put("type", "dashed").put("width", 1);
            hits.putArray("data");
            legendData.add(service).add(service + " (nightly / no-cache)").add(service + " cache hit %");
            for (BuildSummary s : list) {
                boolean noCache = s.kind() == BuildKind.NO_CACHE || s.nightly();
                point(noCache ? nightly : line, s, label, seconds(s.durationMillis()));
                point(hits, s, label, Math.round(s.cacheHitRatio() * 1000) / 10.0);
            }
            markRegressions(line, nightly, service, list, regressions);
        });
        return option;
    }

    private static void point(ObjectNode series, BuildSummary s, Function<BuildSummary, String> label, double value) {
        ObjectNode p = ((ArrayNode) series.get("data")).addObject()
                .put("name", label.apply(s) + " " + s.kind().label());
        p.putArray("value").add(s.start().toEpochMilli()).add(value);
    }

    private static void markRegressions(ObjectNode line, ObjectNode nightly, String service, List<BuildSummary> list,
                                        List<Regression> regressions) {
        for (Regression r : regressions) {
            if (!r.service().equals(service)) {
                continue;
            }
            list.stream().filter(s -> s.id().equals(r.firstBuildId())).findFirst().ifPresent(s -> {
                ObjectNode target = r.kind().equals("no-cache") ? nightly : line;
                ObjectNode markPoint = target.has("markPoint") ? (ObjectNode) target.get("markPoint")
                        : target.putObject("markPoint").put("symbol", "pin").put("symbolSize", 44);
                ArrayNode data = markPoint.has("data") ? (ArrayNode) markPoint.get("data") : markPoint.putArray("data");
                ObjectNode m = data.addObject().put("name", "regression").put("value", String.format(
                        java.util.Locale.ROOT, "x%.1f", r.ratio()));
                m.putArray("coord").add(s.start().toEpochMilli()).add(seconds(s.durationMillis()));
                m.putObject("itemStyle").put("color", "#d32f2f");
            });
        }
    }

    static double seconds(long millis) {
        return Math.round(millis / 100.0) / 10.0;
    }
}
