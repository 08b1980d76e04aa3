package dev.morganbuild.engine.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.trend.DurationText;
import dev.morganbuild.engine.trend.StepAnalysis;
import java.util.List;

/**
 * ECharts option for one build's steps: horizontal bars, slowest on top; cached steps grey, steps
 * that ran blue, and the step that invalidated the layer cache red and labelled.
 */
public final class StepBreakdownChart {
    static final String RAN = "#1976d2";
    static final String CACHED = "#9e9e9e";
    static final String INVALIDATED = "#d32f2f";
    static final String FAILED = "#4a148c";
    private static final int MAX_LABEL = 60;

    private StepBreakdownChart() {
    }

    public static ObjectNode build(BuildRecord r) {
        List<StepRecord> steps = StepAnalysis.slowestFirst(r);
        ObjectNode option = Json.mapper().createObjectNode();
        option.putObject("title").put("text", r.service() + ": time per step").put("left", "center");
        option.putObject("tooltip").put("trigger", "item");
        option.putObject("grid").put("left", 20).put("right", 90).put("top", 40).put("bottom", 20).put("containLabel", true);
        TimeUnit unit = TimeUnit.forMax(() -> steps.stream().mapToLong(StepRecord::durationMillis).max().orElse(0));
        // the unit rides on the labels: an axis name at the end was clipped to "seco"
        option.putObject("xAxis").put("type", "value").put("min", 0).putObject("axisLabel")
                .put("formatter", unit.labelFormatter());
        ObjectNode y = option.putObject("yAxis").put("type", "category").put("inverse", true);
        ArrayNode categories = y.putArray("data");
        ObjectNode bars = option.putArray("series").addObject().put("type", "bar").put("name", "step time");
        ArrayNode data = bars.putArray("data");
        for (StepRecord s : steps) {
            categories.add(shorten(s.name()));
            StepAnalysis.Verdict verdict = StepAnalysis.verdict(r, s);
            ObjectNode item = data.addObject().put("value", unit.of(s.durationMillis()))
                    .put("name", verdict == StepAnalysis.Verdict.INVALIDATED ? "cache invalidated here" : verdict.label())
                    .put("tip", TrendSeries.escape(shorten(s.name())) + "<br>" + verdict.label() + " \u00b7 "
                            + DurationText.format(s.durationMillis()) + errorLine(s));
            item.putObject("itemStyle").put("color", color(verdict));
            if (verdict == StepAnalysis.Verdict.INVALIDATED || verdict == StepAnalysis.Verdict.FAILED) {
                item.putObject("label").put("show", true).put("position", "right").put("formatter",
                        verdict == StepAnalysis.Verdict.FAILED ? "failed here" : "cache invalidated here");
            }
        }
        return option;
    }

    /** The colour of a step that did this, on the step chart and the timeline. */
    static String color(StepAnalysis.Verdict verdict) {
        return switch (verdict) {
            case FAILED -> FAILED;
            case CACHED -> CACHED;
            case INVALIDATED -> INVALIDATED;
            case RAN -> RAN;
        };
    }

    /** The first line of docker's error for a failed step, for its tooltip. */
    static String errorLine(StepRecord s) {
        if (s.error() == null || s.error().isBlank()) {
            return "";
        }
        String first = s.error().strip().lines().findFirst().orElse("");
        return "<br>" + TrendSeries.escape(first.length() <= 200 ? first : first.substring(0, 199) + "\u2026");
    }

    static String shorten(String name) {
        String one = name.replaceAll("\\s+", " ");
        return one.length() <= MAX_LABEL ? one : one.substring(0, MAX_LABEL - 1) + "…";
    }
}
