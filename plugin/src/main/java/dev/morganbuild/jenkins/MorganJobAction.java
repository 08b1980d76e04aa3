package dev.morganbuild.jenkins;

import dev.morganbuild.engine.chart.Charts;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.engine.trend.Regressions;
import dev.morganbuild.engine.trend.RegressionDetector;
import dev.morganbuild.engine.trend.ServiceStats;
import dev.morganbuild.engine.trend.TrendCalculator;
import hudson.model.Action;
import hudson.model.Job;
import java.util.List;
import java.util.Optional;

/**
 * The job's "Build time trend": per-service duration lines, nightly builds as diamonds, cache-hit
 * lines and regression markers, drawn from the summaries of at most the configured number of builds
 * (never the side files), so a job with thousands of builds renders quickly.
 */
public class MorganJobAction implements Action {
    private final Job<?, ?> job;

    public MorganJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    List<BuildSummary> summaries() {
        return JobHistory.summaries(job, MorganGlobalConfiguration.get().getTrendBuilds());
    }

    /** Regressions over the charted builds; culprit steps are not named here (that needs the side files). */
    public List<Regression> getRegressions() {
        double threshold = MorganGlobalConfiguration.get().getRegressionThreshold();
        List<BuildSummary> summaries = summaries();
        return threshold > 0 ? Regressions.detect(summaries, s -> Optional.empty(), threshold)
                : RegressionDetector.defaults().detect(summaries, s -> Optional.empty());
    }

    /** ECharts option JSON of the trend chart, drawn by js/morgan-charts.js. */
    public String getTrendChart() {
        return Charts.durationTrend(summaries(), s -> "#" + s.offset(), getRegressions());
    }

    public List<ServiceStats> getStats() {
        return TrendCalculator.byService(summaries());
    }

    /** 0.87 -> "87 %", for the stats table. */
    public String percent(double ratio) {
        return Math.round(ratio * 100) + " %";
    }

    public boolean isTrendVisible() {
        return !summaries().isEmpty();
    }

    @Override
    public String getIconFileName() {
        return "/plugin/morgan-build/images/build-times.svg";
    }

    @Override
    public String getDisplayName() {
        return "Build time trend";
    }

    @Override
    public String getUrlName() {
        return "morgan-build-trend";
    }
}
