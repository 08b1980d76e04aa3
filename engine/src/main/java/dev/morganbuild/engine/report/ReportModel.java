package dev.morganbuild.engine.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.engine.trend.ServiceStats;
import dev.morganbuild.engine.trend.TrendHeadline;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the HTML report shows.
 *
 * @param title         page title
 * @param generatedAt   when it was made
 * @param headline      time saved by the cache, median warm and cold, over the shown builds
 * @param stats         per-service statistics over the shown builds
 * @param trendChart    ECharts option of the duration trend
 * @param cacheChart    ECharts option of the cache-hit rate
 * @param timelineChart ECharts option of the latest build's timeline
 * @param latestRun     the records of the latest build (the timeline's bars)
 * @param lastBuilds    each service's latest build, by service
 * @param stepCharts    ECharts option of each latest build's step breakdown, by service
 * @param regressions   sustained slowdowns found
 * @param builds        the shown builds, oldest first
 */
public record ReportModel(String title, Instant generatedAt, TrendHeadline headline, List<ServiceStats> stats,
                          ObjectNode trendChart, ObjectNode cacheChart, ObjectNode timelineChart,
                          List<BuildRecord> latestRun, Map<String, BuildRecord> lastBuilds,
                          Map<String, ObjectNode> stepCharts, List<Regression> regressions, List<ReportBuild> builds) {
    public ReportModel {
        stats = List.copyOf(stats);
        latestRun = List.copyOf(latestRun);
        lastBuilds = Collections.unmodifiableMap(new LinkedHashMap<>(lastBuilds));
        stepCharts = Collections.unmodifiableMap(new LinkedHashMap<>(stepCharts));
        regressions = List.copyOf(regressions);
        builds = List.copyOf(builds);
    }
}
