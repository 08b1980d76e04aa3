package dev.morganbuild.engine.trend;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.record.BuildRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The regressions a build completes: those the detector finds with the build's results and not
 * without them. Comparing the two detections avoids arithmetic on build numbers or ids, which skip
 * builds that did not build the service. One rule for every front end: the Jenkins step makes the run
 * UNSTABLE with them, {@code morgan build --fail-on-regression} exits non-zero. A service slower than
 * its {@code x-morgan.budget} fails the gate too.
 */
public final class QualityGate {
    private QualityGate() {
    }

    /**
     * @param history   summaries of the services concerned, oldest first, this build's included
     * @param thisBuild which summaries are this build's
     * @param band      the noise band (e.g. 0.25)
     * @param loader    full records for naming culprits (asked only for what the detection reports)
     */
    public static List<Regression> newRegressions(List<BuildSummary> history, Predicate<BuildSummary> thisBuild,
                                                  double band, Function<BuildSummary, Optional<BuildRecord>> loader) {
        RegressionDetector detector = RegressionDetector.withBand(band);
        List<BuildSummary> before = history.stream().filter(thisBuild.negate()).toList();
        Set<String> known = detector.detect(before, s -> Optional.empty()).stream().map(QualityGate::key)
                .collect(Collectors.toSet());
        return detector.detect(history, loader).stream().filter(r -> !known.contains(key(r))).toList();
    }

    /**
     * Everything a run fails the gate for, one line each: services over their budget, then the
     * regressions that the run's records complete.
     *
     * @param history the store the run's records were appended to
     * @param run     the run's records
     * @param band    the noise band (e.g. 0.25)
     * @param lastN   how many of each service's latest builds to consider
     */
    public static List<String> failures(HistoryStore history, List<BuildRecord> run, double band, int lastN)
            throws IOException {
        List<String> out = new ArrayList<>();
        run.stream().map(BuildRecord::budgetOverrun).flatMap(Optional::stream).forEach(out::add);
        Set<String> ids = run.stream().map(BuildRecord::id).collect(Collectors.toSet());
        for (String service : run.stream().map(BuildRecord::service).distinct().toList()) {
            List<BuildSummary> summaries = history.summaries(service, lastN);
            for (Regression r : newRegressions(summaries, s -> ids.contains(s.id()), band, history::record)) {
                out.add("build time regression: " + r.describe());
            }
        }
        return out;
    }

    private static String key(Regression r) {
        return r.service() + "/" + r.kind() + "/" + r.firstBuildId();
    }
}
