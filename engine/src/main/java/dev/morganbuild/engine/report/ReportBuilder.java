package dev.morganbuild.engine.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.chart.CacheHitChart;
import dev.morganbuild.engine.chart.DurationTrendChart;
import dev.morganbuild.engine.chart.StepBreakdownChart;
import dev.morganbuild.engine.chart.TimelineChart;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.engine.trend.RegressionDetector;
import dev.morganbuild.engine.trend.TrendCalculator;
import dev.morganbuild.engine.trend.TrendHeadline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Assembles a {@link ReportModel}. A build of the report is a CLI run (the services one morgan call
 * built, sharing a run id); the last {@code lastN} runs are shown, numbered from 1 for the oldest shown.
 * Their full records are read (for the run ids, the timeline and the step charts).
 */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    public static ReportModel build(String title, List<BuildSummary> oldestFirst,
                                    Function<BuildSummary, Optional<BuildRecord>> loader, int lastN,
                                    RegressionDetector detector) {
        List<Regression> regressions = detector.detect(oldestFirst, loader);
        Map<String, BuildRecord> records = new HashMap<>();
        Map<String, String> runOf = new HashMap<>();
        List<String> runs = new ArrayList<>();
        List<BuildSummary> shown = new ArrayList<>();
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            BuildSummary s = oldestFirst.get(i);
            Optional<BuildRecord> r = loader.apply(s);
            String run = r.map(BuildRecord::runId).orElse("summary:" + s.id());
            if (!runs.contains(run)) {
                if (runs.size() >= lastN) {
                    break;
                }
                runs.add(run);
            }
            r.ifPresent(x -> records.put(s.id(), x));
            runOf.put(s.id(), run);
            shown.add(0, s);
        }
        Map<String, Integer> number = new HashMap<>();
        for (int k = 0; k < runs.size(); k++) {
            number.put(runs.get(k), runs.size() - k);
        }
        Function<BuildSummary, String> build = s -> String.valueOf(number.get(runOf.get(s.id())));
        ObjectNode trend = DurationTrendChart.build(shown, build, regressions, lastN);
        ObjectNode cache = CacheHitChart.build(shown, build, lastN);
        Map<String, BuildRecord> lastBuilds = new LinkedHashMap<>();
        Map<String, ObjectNode> stepCharts = new LinkedHashMap<>();
        List<BuildRecord> latestRun = new ArrayList<>();
        for (BuildSummary s : shown) {
            BuildRecord r = records.get(s.id());
            if (r != null) {
                lastBuilds.put(s.service(), r);
                stepCharts.put(s.service(), StepBreakdownChart.build(r));
                if (runOf.get(s.id()).equals(runs.get(0))) {
                    latestRun.add(r);
                }
            }
        }
        return new ReportModel(title, Instant.now(), TrendHeadline.of(shown, runs.size()), TrendCalculator.byService(shown),
                trend, cache, TimelineChart.build(latestRun), latestRun, lastBuilds, stepCharts, regressions,
                builds(shown, build, number.size()));
    }

    private static List<ReportBuild> builds(List<BuildSummary> shown, Function<BuildSummary, String> build, int count) {
        List<List<BuildSummary>> byNumber = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            byNumber.add(new ArrayList<>());
        }
        shown.forEach(s -> byNumber.get(Integer.parseInt(build.apply(s)) - 1).add(s));
        List<ReportBuild> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            List<BuildSummary> list = byNumber.get(n);
            out.add(new ReportBuild(n + 1, list.isEmpty() ? null : list.get(0).start(), list));
        }
        return out;
    }
}
