package dev.morganbuild.engine.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.chart.DurationTrendChart;
import dev.morganbuild.engine.chart.StepBreakdownChart;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.engine.trend.RegressionDetector;
import dev.morganbuild.engine.trend.TrendCalculator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Assembles a {@link ReportModel} from summaries, reading full records only for each service's latest build. */
public final class ReportBuilder {
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ReportBuilder() {
    }

    public static ReportModel build(String title, List<BuildSummary> oldestFirst,
                                    Function<BuildSummary, Optional<BuildRecord>> loader, int lastN,
                                    RegressionDetector detector) {
        List<Regression> regressions = detector.detect(oldestFirst, loader);
        ObjectNode trend = DurationTrendChart.build(oldestFirst, s -> LABEL.format(s.start()), regressions, lastN);
        Map<String, BuildSummary> latest = new LinkedHashMap<>();
        oldestFirst.forEach(s -> latest.put(s.service(), s));
        Map<String, BuildRecord> lastBuilds = new LinkedHashMap<>();
        Map<String, ObjectNode> stepCharts = new LinkedHashMap<>();
        latest.forEach((service, s) -> loader.apply(s).ifPresent(r -> {
            lastBuilds.put(service, r);
            stepCharts.put(service, StepBreakdownChart.build(r));
        }));
        return new ReportModel(title, Instant.now(), TrendCalculator.byService(oldestFirst), trend, lastBuilds,
                stepCharts, regressions);
    }
}
