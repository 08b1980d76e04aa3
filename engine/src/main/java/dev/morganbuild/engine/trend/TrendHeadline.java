package dev.morganbuild.engine.trend;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildStatus;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The line above the trend charts: what the cache saved over the shown builds, and the median warm and
 * cold service build.
 *
 * <p>Time saved = the sum over each service's successful warm builds of (that service's median cold
 * build − the warm build), counting only builds faster than the median cold one. A service without a
 * cold build adds nothing: its saving is not known.
 *
 * @param builds            builds shown (categories of the trend charts)
 * @param timeSavedMillis   time saved by the cache, per the formula above
 * @param medianWarmMillis  median of all successful warm service builds, -1 when none
 * @param medianColdMillis  median of all successful cold service builds, -1 when none
 */
public record TrendHeadline(int builds, long timeSavedMillis, long medianWarmMillis, long medianColdMillis) {
    /** The formula, for the page next to the figure. */
    public static final String FORMULA = "sum over warm builds of (the service's median cold build \u2212 the warm build)";

    public static TrendHeadline of(List<BuildSummary> shown, int builds) {
        List<BuildSummary> ok = shown.stream().filter(s -> s.status() == BuildStatus.SUCCESS).toList();
        Set<String> services = new LinkedHashSet<>();
        ok.forEach(s -> services.add(s.service()));
        long saved = 0;
        for (String service : services) {
            saved += TrendCalculator.timeSaved(ok.stream().filter(s -> s.service().equals(service)).toList());
        }
        return new TrendHeadline(builds, saved, median(ok, BuildKind.WARM), median(ok, BuildKind.COLD));
    }

    private static long median(List<BuildSummary> ok, BuildKind kind) {
        return TrendCalculator.percentile(ok.stream().filter(s -> s.kind() == kind && !s.nightly())
                .mapToLong(BuildSummary::durationMillis).toArray(), 50);
    }

    /** e.g. "The cache saved 42 min 10 s over the last 30 builds. Median warm build 12.4 s, median cold 3 min 05 s." */
    public String text() {
        return "The cache saved " + DurationText.format(timeSavedMillis) + " over the last " + builds
                + (builds == 1 ? " build" : " builds") + ". Median warm build " + DurationText.format(medianWarmMillis)
                + ", median cold build " + DurationText.format(medianColdMillis) + ".";
    }
}
