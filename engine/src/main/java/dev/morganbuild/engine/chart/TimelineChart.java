package dev.morganbuild.engine.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * ECharts option for the timeline of one run (a Gantt chart): one row per service, grouped by the node
 * that built it, its bar placed by the service's start and end relative to the run's first start, so
 * waits for dependencies and waves show as gaps. Each bar is split into its steps
 * ({@link TimelineSegments}): cached grey, ran blue, the step that invalidated the cache red, the
 * failed step purple. Drawn as stacked bars (an invisible bar up to the start, then the segments),
 * which plain JSON can express; each segment carries {@code service} and {@code tip} for the pages.
 */
public final class TimelineChart {
    /** Pixels per row and for the frame: pages size the chart from {@link #height(int)}. */
    private static final int ROW = 30;
    private static final int FRAME = 90;

    private TimelineChart() {
    }

    /** Height in pixels that shows {@code rows} rows without squeezing them. */
    public static int height(int rows) {
        return Math.max(160, FRAME + ROW * rows);
    }

    public static ObjectNode build(List<BuildRecord> records) {
        List<BuildRecord> rows = new ArrayList<>(records.stream().filter(r -> r.start() != null).toList());
        rows.sort(Comparator.comparing((BuildRecord r) -> Objects.requireNonNullElse(r.node(), ""))
                .thenComparing(BuildRecord::start).thenComparing(BuildRecord::service));
        Instant t0 = rows.stream().map(BuildRecord::start).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        TimeUnit unit = TimeUnit.forMax(() -> rows.stream()
                .mapToLong(r -> r.start().toEpochMilli() - t0.toEpochMilli() + r.durationMillis()).max().orElse(0));
        List<List<TimelineSegments.Segment>> split = rows.stream().map(TimelineSegments::of).toList();
        ObjectNode option = Json.mapper().createObjectNode();
        option.putObject("title").put("text", "Timeline of the run").put("left", "center")
                .put("subtext", "one bar per service, by node; grey cached, blue ran, red invalidated the cache, purple failed");
        option.putObject("tooltip").put("trigger", "item");
        option.putObject("grid").put("left", 20).put("right", 30).put("top", 60).put("bottom", 30).put("containLabel", true);
        option.putObject("xAxis").put("type", "value").put("min", 0).putObject("axisLabel")
                .put("formatter", unit.labelFormatter());
        ObjectNode y = option.putObject("yAxis").put("type", "category").put("inverse", true);
        ArrayNode labels = y.putArray("data");
        rows.forEach(r -> labels.add(r.service() + (r.node() == null ? "" : "  \u00b7  " + r.node())));
        ArrayNode series = option.putArray("series");
        ObjectNode offset = stacked(series, "start");
        offset.putObject("itemStyle").put("color", "transparent");
        offset.put("silent", true);
        offset.putObject("tooltip").put("show", false);
        for (BuildRecord r : rows) {
            ((ArrayNode) offset.get("data")).add(unit.of(r.start().toEpochMilli() - t0.toEpochMilli()));
        }
        int most = split.stream().mapToInt(List::size).max().orElse(0);
        for (int k = 0; k < most; k++) {
            ArrayNode data = stacked(series, "step " + (k + 1)).withArray("data");
            for (int i = 0; i < rows.size(); i++) {
                List<TimelineSegments.Segment> segments = split.get(i);
                if (k >= segments.size()) {
                    data.add(0);
                    continue;
                }
                TimelineSegments.Segment s = segments.get(k);
                ObjectNode item = data.addObject().put("value", unit.of(s.millis())).put("service", rows.get(i).service())
                        .put("tip", s.tip());
                item.putObject("itemStyle").put("color", s.color()).put("borderColor", "#fff").put("borderWidth", 1);
                if (s.label() != null) {
                    item.putObject("label").put("show", true).put("position", "right").put("color", "#555")
                            .put("formatter", s.label());
                }
            }
        }
        return option;
    }

    private static ObjectNode stacked(ArrayNode series, String name) {
        ObjectNode s = series.addObject().put("name", name).put("type", "bar").put("stack", "run").put("barWidth", 18);
        s.putArray("data");
        return s;
    }
}
