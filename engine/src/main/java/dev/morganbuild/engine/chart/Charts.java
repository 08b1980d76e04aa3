package dev.morganbuild.engine.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.trend.Regression;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/** The chart options as JSON text, for front ends that hand them to ECharts as-is (the Jenkins plugin). */
public final class Charts {
    /** Builds drawn per service unless a front end says otherwise. */
    public static final int DEFAULT_LAST = 200;

    private Charts() {
    }

    public static String durationTrend(List<BuildSummary> oldestFirst, Function<BuildSummary, String> xLabel,
                                       List<Regression> regressions) {
        return text(DurationTrendChart.build(oldestFirst, xLabel, regressions, DEFAULT_LAST));
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
