package dev.morganbuild.engine.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.engine.trend.ServiceStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the HTML report shows.
 *
 * @param title        page title
 * @param generatedAt  when it was made
 * @param stats        per-service statistics
 * @param trendChart   ECharts option of the duration trend
 * @param lastBuilds   each service's latest build, by service
 * @param stepCharts   ECharts option of each latest build's step breakdown, by service
 * @param regressions  sustained slowdowns found
 */
public record ReportModel(String title, Instant generatedAt, List<ServiceStats> stats, ObjectNode trendChart,
                          Map<String, BuildRecord> lastBuilds, Map<String, ObjectNode> stepCharts,
                          List<Regression> regressions) {
    public ReportModel {
        stats = List.copyOf(stats);
        lastBuilds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lastBuilds));
        stepCharts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stepCharts));
        regressions = List.copyOf(regressions);
    }
}
