package dev.morganbuild.engine.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.trend.DurationText;
import dev.morganbuild.engine.trend.Regression;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * ECharts option for the build-time trend: one line per service against the build number, in the
 * service's own colour ({@link ServiceColors}). The symbol says the kind: a circle for warm, a square
 * for cold, a large diamond for nightly and no-cache builds (slow by design, so they must not read as
 * regressions). A red pin marks the first build of each regression. Each point carries {@code build}
 * (its category, for the page to turn into a link) and {@code tip} (the tooltip's HTML), which the
 * front ends' scripts use; the Jenkins pages and the HTML report draw this same JSON.
 */
public final class DurationTrendChart {
    static final String REGRESSION = "#d32f2f";

    private DurationTrendChart() {
    }

    /**
     * @param oldestFirst summaries, oldest first (any services)
     * @param build       the build a summary belongs to, as the axis shows it (a Jenkins build number, a run number)
     * @param regressions regressions to mark
     * @param lastN       builds to draw (the last ones)
     */
    public static ObjectNode build(List<BuildSummary> oldestFirst, Function<BuildSummary, String> build,
                                   List<Regression> regressions, int lastN) {
        BuildAxis axis = BuildAxis.of(oldestFirst, build, lastN);
        // failed and aborted builds are drawn (a red triangle), skipped ones never ran
        List<BuildSummary> drawn = axis.shown().stream()
                .filter(s -> s.status() != null && s.status() != BuildStatus.SKIPPED).toList();
        TimeUnit unit = TimeUnit.forMax(() -> drawn.stream().mapToLong(BuildSummary::durationMillis).max().orElse(0));
        ObjectNode option = TrendSeries.frame("Build time per service",
                "\u25cf warm   \u25a0 cold   \u25c6 nightly / no-cache   red \u25b2 failed   red pin: regression starts", axis);
        ObjectNode y = Json.mapper().createObjectNode().put("type", "value").put("min", 0);
        y.putObject("axisLabel").put("formatter", unit.labelFormatter());
        Map<String, ObjectNode> lines = TrendSeries.lines(option, y, axis, drawn, build, s -> point(s, build, unit));
        lines.forEach((service, line) -> markRegressions(line, service,
                drawn.stream().filter(s -> s.service().equals(service)).toList(), build, regressions, unit));
        return option;
    }

    private static ObjectNode point(BuildSummary s, Function<BuildSummary, String> build, TimeUnit unit) {
        boolean noCache = s.kind() == BuildKind.NO_CACHE || s.nightly();
        boolean failed = s.status() != BuildStatus.SUCCESS;
        String figure = DurationText.format(s.durationMillis())
                + (failed ? " \u00b7 <b>" + s.status().name().toLowerCase(Locale.ROOT) + "</b>" : "");
        ObjectNode p = Json.mapper().createObjectNode().put("value", unit.of(s.durationMillis()))
                .put("tip", TrendSeries.tip(build.apply(s), s, figure))
                .put("symbol", failed ? "triangle" : noCache ? "diamond" : s.kind() == BuildKind.COLD ? "rect" : "circle")
                .put("symbolSize", failed || noCache ? 14 : 8);
        if (failed) {
            p.putObject("itemStyle").put("color", REGRESSION);
        }
        return p;
    }

    private static void markRegressions(ObjectNode line, String service, List<BuildSummary> list,
                                        Function<BuildSummary, String> build, List<Regression> regressions, TimeUnit unit) {
        for (Regression r : regressions) {
            if (!r.service().equals(service)) {
                continue;
            }
            list.stream().filter(s -> s.id().equals(r.firstBuildId())).findFirst().ifPresent(s -> {
                ObjectNode markPoint = line.has("markPoint") ? (ObjectNode) line.get("markPoint")
                        : line.putObject("markPoint").put("symbol", "pin").put("symbolSize", 44);
                ArrayNode data = markPoint.has("data") ? (ArrayNode) markPoint.get("data") : markPoint.putArray("data");
                String b = build.apply(s);
                ObjectNode m = data.addObject().put("name", "regression")
                        .put("value", String.format(Locale.ROOT, "x%.1f", r.ratio())).put("build", b)
                        .put("tip", TrendSeries.escape(service) + ": " + r.kind() + " builds slower from build <b>"
                                + TrendSeries.escape(b) + "</b><br>" + DurationText.format(r.baselineMillis()) + " \u2192 "
                                + DurationText.format(r.observedMillis()) + " (" + r.slowBuilds() + " builds in a row)");
                m.putArray("coord").add(b).add(unit.of(s.durationMillis()));
                m.putObject("itemStyle").put("color", REGRESSION);
            });
        }
    }
}
