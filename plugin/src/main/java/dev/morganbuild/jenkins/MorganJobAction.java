package dev.morganbuild.jenkins;

import dev.morganbuild.engine.chart.Charts;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.engine.trend.RegressionDetector;
import dev.morganbuild.engine.trend.ServiceStats;
import dev.morganbuild.engine.trend.TrendCalculator;
import hudson.model.Action;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import hudson.model.Job;
import hudson.model.Run;
import java.util.List;
import java.util.Optional;
import org.kohsuke.stapler.bind.JavaScriptMethod;

/**
 * The job's "Build time trend": per-service duration lines, nightly builds as diamonds, cache-hit
 * lines and regression markers, drawn from the summaries of at most the configured number of builds
 * (never the side files), so a job with thousands of builds renders quickly.
 *
 * <p>The chart loads asynchronously through {@link #getBuildTrendModel()} (echarts-api's
 * {@link AsyncTrendChart} contract), so the job page does not wait for it. The model is a complete
 * ECharts option built by the engine (second axis, nightly markers, regression marks), which is more
 * than echarts-api's {@code <c:trend-chart>} tag can draw from its line-chart model; our own
 * {@code js/morgan-charts.js} therefore applies it as-is.
 */
public class MorganJobAction implements Action, AsyncTrendChart {
    private final Job<?, ?> job;

    public MorganJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /** How many builds the charts read (global configuration). */
    public int getTrendBuilds() {
        return MorganGlobalConfiguration.get().getTrendBuilds();
    }

    List<BuildSummary> summaries() {
        return JobHistory.summaries(job, MorganGlobalConfiguration.get().getTrendBuilds());
    }

    /** Regressions over the charted builds; culprit steps are not named here (that needs the side files). */
    public List<Regression> getRegressions() {
        return regressions(summaries());
    }

    private static List<Regression> regressions(List<BuildSummary> summaries) {
        double threshold = MorganGlobalConfiguration.get().getRegressionThreshold();
        return threshold > 0 ? RegressionDetector.withBand(threshold).detect(summaries, s -> Optional.empty())
                : RegressionDetector.defaults().detect(summaries, s -> Optional.empty());
    }

    /** ECharts option JSON of the trend chart, fetched by js/morgan-charts.js through a bound proxy. */
    @JavaScriptMethod
    @Override
    public String getBuildTrendModel() {
        List<BuildSummary> summaries = summaries();
        return Charts.durationTrend(summaries, s -> "#" + s.offset(), regressions(summaries));
    }

    public List<ServiceStats> getStats() {
        return TrendCalculator.byService(summaries());
    }

    /** 0.87 -> "87 %", for the stats table. */
    public String percent(double ratio) {
        return Math.round(ratio * 100) + " %";
    }

    /** A figure of the stats table: milliseconds, or a dash where there is none (no cold build yet: -1). */
    public String millis(long value) {
        return value < 0 ? "\u2013" : Long.toString(value);
    }

    /** Cheap on purpose (the job page asks): the action exists because the last successful build has results. */
    @Override
    public boolean isTrendVisible() {
        Run<?, ?> last = job.getLastSuccessfulBuild();
        return last != null && last.getAction(MorganBuildAction.class) != null;
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
