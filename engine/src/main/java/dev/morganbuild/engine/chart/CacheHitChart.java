package dev.morganbuild.engine.chart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.trend.DurationText;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * ECharts option for the cache-hit rate: per service the share of build steps served from the layer
 * cache, in percent, against the build number, in the same colours and with the same points
 * ({@code build}, {@code tip}) as {@link DurationTrendChart}.
 */
public final class CacheHitChart {
    private CacheHitChart() {
    }

    public static ObjectNode build(List<BuildSummary> oldestFirst, Function<BuildSummary, String> build, int lastN) {
        BuildAxis axis = BuildAxis.of(oldestFirst, build, lastN);
        ObjectNode option = TrendSeries.frame("Cache hit rate per service", "share of build steps served from the layer cache",
                axis);
        ObjectNode y = Json.mapper().createObjectNode().put("type", "value").put("min", 0).put("max", 100);
        y.putObject("axisLabel").put("formatter", "{value} %");
        List<BuildSummary> ok = axis.shown().stream().filter(s -> s.status() == BuildStatus.SUCCESS).toList();
        TrendSeries.lines(option, y, axis, ok, build, s -> {
            double percent = Math.round(s.cacheHitRatio() * 1000) / 10.0;
            return Json.mapper().createObjectNode().put("value", percent).put("tip", TrendSeries.tip(build.apply(s), s,
                    String.format(Locale.ROOT, "%.0f %% cached, %s", percent, DurationText.format(s.durationMillis()))));
        });
        return option;
    }
}
