package dev.morganbuild.engine.trend;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds sustained slowdowns: each successful build is compared with the median of the previous
 * {@code window} comparable builds (same service; warm with warm, cold with cold, no-cache and
 * nightly with each other). A build is slow when it exceeds that baseline by more than the noise band
 * (a ratio) and by more than an absolute floor; only {@code sustain} slow builds in a row make a
 * regression, so one noisy build never alerts. Each regression names its likely culprit step.
 *
 * @param window      comparable builds in the baseline (at least 3 are needed)
 * @param band        noise band as a ratio, e.g. 0.25 = 25 % slower
 * @param floorMillis slowdowns smaller than this are noise whatever the ratio
 * @param sustain     slow builds in a row that make a regression
 */
public record RegressionDetector(int window, double band, long floorMillis, int sustain) {
    private static final int MIN_BASELINE = 3;
    private static final int CULPRIT_BASELINE_RECORDS = 5;

    public static RegressionDetector defaults() {
        return new RegressionDetector(10, 0.25, 2000, 3);
    }

    /** The defaults with another noise band (the Jenkins quality-gate threshold). */
    public static RegressionDetector withBand(double band) {
        RegressionDetector d = defaults();
        return new RegressionDetector(d.window, band, d.floorMillis, d.sustain);
    }

    /**
     * @param oldestFirst summaries of any services, oldest first
     * @param loader      full record of a summary, for naming the culprit step (may answer empty)
     */
    public List<Regression> detect(List<BuildSummary> oldestFirst, Function<BuildSummary, Optional<BuildRecord>> loader) {
        Map<String, List<BuildSummary>> series = new LinkedHashMap<>();
        for (BuildSummary s : oldestFirst) {
            if (s.status() == BuildStatus.SUCCESS && s.kind() != null) {
                series.computeIfAbsent(s.service() + "\u0000" + group(s), k -> new ArrayList<>()).add(s);
            }
        }
        List<Regression> out = new ArrayList<>();
        series.values().forEach(list -> detectIn(list, loader, out));
        out.sort(java.util.Comparator.comparing(Regression::start));
        return out;
    }

    private void detectIn(List<BuildSummary> builds, Function<BuildSummary, Optional<BuildRecord>> loader,
                          List<Regression> out) {
        int streakStart = -1;
        long streakBaseline = 0;
        boolean reported = false;
        for (int i = 0; i < builds.size(); i++) {
            long baseline = streakStart >= 0 ? streakBaseline : baseline(builds, i);
            if (baseline < 0) {
                continue;
            }
            long d = builds.get(i).durationMillis();
            boolean slow = d > baseline * (1 + band) && d > baseline + floorMillis;
            if (!slow) {
                streakStart = -1;
                reported = false;
                continue;
            }
            if (streakStart < 0) {
                streakStart = i;
                streakBaseline = baseline;
            }
            int length = i - streakStart + 1;
            if (length >= sustain && !reported) {
                reported = true;
                List<BuildSummary> slowOnes = builds.subList(streakStart, i + 1);
                BuildSummary first = builds.get(streakStart);
                long observed = TrendCalculator.percentile(
                        slowOnes.stream().mapToLong(BuildSummary::durationMillis).toArray(), 50);
                List<BuildSummary> before = builds.subList(Math.max(0, streakStart - CULPRIT_BASELINE_RECORDS), streakStart);
                String culprit = Culprit.find(before.stream().map(loader).flatMap(Optional::stream).toList(),
                        loader.apply(first).orElse(null));
                out.add(new Regression(first.service(), first.id(), first.start(), group(first), streakBaseline,
                        observed, length, culprit));
            }
        }
    }

    /** Median of the up to {@code window} builds before index {@code i}; -1 when too few. */
    private long baseline(List<BuildSummary> builds, int i) {
        int from = Math.max(0, i - window);
        if (i - from < MIN_BASELINE) {
            return -1;
        }
        long[] values = new long[i - from];
        for (int k = from; k < i; k++) {
            values[k - from] = builds.get(k).durationMillis();
        }
        return TrendCalculator.percentile(values, 50);
    }

    private static String group(BuildSummary s) {
        return BuildKind.comparisonGroup(s.kind(), s.nightly());
    }
}
