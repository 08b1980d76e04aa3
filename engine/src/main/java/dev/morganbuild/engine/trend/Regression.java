package dev.morganbuild.engine.trend;

import java.time.Instant;
import java.util.Locale;

/**
 * A sustained slowdown of one service.
 *
 * @param service          service name
 * @param firstBuildId     id of the first slow build
 * @param start            when that build started
 * @param kind             which builds were compared: cold, warm or no-cache
 * @param baselineMillis   median of the comparable builds before it
 * @param observedMillis   median of the slow builds
 * @param slowBuilds       how many slow builds in a row
 * @param culprit          the step to look at (cache flip or biggest growth), or null when unknown
 */
public record Regression(String service, String firstBuildId, Instant start, String kind, long baselineMillis,
                         long observedMillis, int slowBuilds, String culprit) {

    public double ratio() {
        return baselineMillis <= 0 ? 0 : (double) observedMillis / baselineMillis;
    }

    /** One line for logs and reports. */
    public String describe() {
        return String.format(Locale.ROOT, "%s: %s builds %s -> %s (x%.2f) over %d builds since %s%s", service, kind,
                DurationText.format(baselineMillis), DurationText.format(observedMillis), ratio(), slowBuilds,
                start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), culprit == null ? "" : "; " + culprit);
    }
}
