package dev.morganbuild.jenkins.model;

import dev.morganbuild.engine.chart.Charts;
import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.trend.DurationText;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.engine.trend.RegressionDetector;
import dev.morganbuild.engine.trend.ServiceStats;
import dev.morganbuild.engine.trend.TrendCalculator;
import dev.morganbuild.engine.trend.TrendHeadline;
import dev.morganbuild.jenkins.Messages;
import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import java.util.List;
import java.util.Optional;
import org.kohsuke.stapler.bind.JavaScriptMethod;

/**
 * The job's "Build time trend": per-service duration lines against the build number (the kind as the
 * symbol, regression pins), a cache-hit chart and the time the cache saved, drawn from the summaries
 * of at most the configured number of builds (never the side files), so a job with thousands of
 * builds renders quickly. A click on a point opens that build's "Build times" page.
 *
 * <p>The charts load asynchronously through {@link #getBuildTrendModel()} and
 * {@link #getCacheTrendModel()} (echarts-api's {@link AsyncTrendChart} contract), so the job page
 * does not wait for them. The models are complete ECharts options built by the engine, which is more
 * than echarts-api's {@code <c:trend-chart>} tag can draw from its line-chart model; our own
 * {@code js/morgan-charts.js} therefore applies them as-is.
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
        return Charts.durationTrend(summaries, MorganJobAction::buildNumber, regressions(summaries));
    }

    /** ECharts option JSON of the cache-hit chart. */
    @JavaScriptMethod
    public String getCacheTrendModel() {
        return Charts.cacheHitTrend(summaries(), MorganJobAction::buildNumber);
    }

    /** The x axis category of a summary: its build number (JobHistory keeps it in the offset). */
    private static String buildNumber(BuildSummary s) {
        return Long.toString(s.offset());
    }

    /** Time saved by the cache, median warm and cold, over the charted builds. */
    public TrendHeadline getHeadline() {
        List<BuildSummary> summaries = summaries();
        return TrendHeadline.of(summaries, (int) summaries.stream().mapToLong(BuildSummary::offset).distinct().count());
    }

    /** How the headline's time saved is computed, for the page. */
    public String getHeadlineFormula() {
        return TrendHeadline.FORMULA;
    }

    /**
     * Where a click on a trend point goes, relative to the job: {@code {build}} is replaced by the
     * point's build number ({@link MorganBuildAction#getUrlName()} is the page).
     */
    public String getBuildLink() {
        return "{build}/" + MorganBuildAction.URL_NAME + "/";
    }

    public List<ServiceStats> getStats() {
        return TrendCalculator.byService(summaries());
    }

    /** 0.87 -> "87 %", for the stats table. */
    public String percent(double ratio) {
        return Math.round(ratio * 100) + " %";
    }

    /** A time of the stats table (12.4 s, 3 min 05 s), or a dash where there is none (no cold build yet: -1). */
    public String duration(long millis) {
        return DurationText.format(millis);
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
        return Messages.MorganJobAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "morgan-build-trend";
    }
}
