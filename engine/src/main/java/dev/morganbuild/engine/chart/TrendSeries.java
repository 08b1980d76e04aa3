package dev.morganbuild.engine.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What the two trend charts share: the frame (build axis, legend), a service's line, the point tooltip. */
final class TrendSeries {
    /** ECharts' mark for "no value here": the line is drawn across it ({@code connectNulls}). */
    static final String EMPTY = "-";

    private TrendSeries() {
    }

    static Map<String, List<BuildSummary>> byService(List<BuildSummary> summaries) {
        Map<String, List<BuildSummary>> out = new LinkedHashMap<>();
        summaries.forEach(s -> out.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s));
        return out;
    }

    static ObjectNode frame(String title, String subtitle, BuildAxis axis) {
        ObjectNode option = Json.mapper().createObjectNode();
        option.putObject("title").put("text", title).put("subtext", subtitle).put("left", "center");
        option.putObject("tooltip").put("trigger", "item");
        option.putObject("legend").put("bottom", 0).putArray("data");
        option.putObject("grid").put("left", 20).put("right", 30).put("top", 70).put("bottom", 60)
                .put("containLabel", true);
        // the axis name sits under the labels: at the end of the axis it was clipped
        ObjectNode x = option.putObject("xAxis").put("type", "category").put("name", "build")
                .put("nameLocation", "middle").put("nameGap", 28).put("boundaryGap", true);
        axis.builds().forEach(x.putArray("data")::add);
        return option;
    }

    /**
     * Adds the y axis, the legend and one line per service of {@code drawn} to {@code option}, each
     * point made by {@code point} and placed on its build. Colours come from every service of the shown
     * builds (whatever their status), so both trend charts colour a service alike.
     *
     * @return the lines, by service
     */
    static Map<String, ObjectNode> lines(ObjectNode option, ObjectNode yAxis, BuildAxis axis, List<BuildSummary> drawn,
                                         Function<BuildSummary, String> build, Function<BuildSummary, ObjectNode> point) {
        option.set("yAxis", yAxis);
        Map<String, String> colors = ServiceColors.assign(byService(axis.shown()).keySet());
        ArrayNode legend = option.withObject("/legend").withArray("data");
        ArrayNode series = option.putArray("series");
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        byService(drawn).forEach((service, list) -> {
            legend.add(service);
            ObjectNode line = line(series, service, colors.get(service));
            ArrayNode data = emptyPoints(line, axis);
            for (BuildSummary s : list) {
                String b = build.apply(s);
                data.set(axis.index(b), point.apply(s).put("build", b));
            }
            out.put(service, line);
        });
        return out;
    }

    private static ObjectNode line(ArrayNode series, String service, String color) {
        ObjectNode line = series.addObject().put("name", service).put("type", "line").put("showSymbol", true)
                .put("connectNulls", true).put("color", color);
        line.putObject("itemStyle").put("color", color);
        line.putObject("lineStyle").put("color", color).put("width", 2);
        return line;
    }

    /** One empty point per build, filled in where the service was built. */
    private static ArrayNode emptyPoints(ObjectNode line, BuildAxis axis) {
        ArrayNode data = line.putArray("data");
        axis.builds().forEach(b -> data.add(EMPTY));
        return data;
    }

    /** The tooltip's HTML: build, service, kind, the figure, steps cached. */
    static String tip(String build, BuildSummary s, String figure) {
        return "<b>build " + escape(build) + "</b><br>" + escape(s.service()) + " \u00b7 "
                + BuildKind.label(s.kind(), s.nightly()) + "<br>" + figure + "<br>" + s.stepsCached() + "/"
                + s.stepsTotal() + " steps cached";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
