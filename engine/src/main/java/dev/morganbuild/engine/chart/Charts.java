package dev.morganbuild.engine.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.trend.Regression;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * The chart options as JSON text, for front ends that hand them to ECharts as-is (the Jenkins plugin).
 * Points carry {@code build} (trend charts) or {@code service} (timeline) for the page to link, and
 * {@code tip}, the tooltip's HTML.
 */
public final class Charts {
    /** Builds drawn unless a front end says otherwise. */
    static final int DEFAULT_LAST = 200;

    private Charts() {
    }

    /** @param build the build a summary belongs to as the x axis shows it, e.g. the Jenkins build number */
    public static String durationTrend(List<BuildSummary> oldestFirst, Function<BuildSummary, String> build,
                                       List<Regression> regressions) {
        return text(DurationTrendChart.build(oldestFirst, build, regressions, DEFAULT_LAST));
    }

    public static String cacheHitTrend(List<BuildSummary> oldestFirst, Function<BuildSummary, String> build) {
        return text(CacheHitChart.build(oldestFirst, build, DEFAULT_LAST));
    }

    /** The run as a timeline: one bar per service, by node. */
    public static String timeline(List<BuildRecord> records) {
        return text(TimelineChart.build(records));
    }

    public static String stepBreakdown(BuildRecord record) {
        return text(StepBreakdownChart.build(record));
    }

    private static String text(Object node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
