package dev.morganbuild.engine.report;

import dev.morganbuild.engine.history.BuildSummary;
import java.time.Instant;
import java.util.List;

/**
 * One build of the report (a CLI run: the services one morgan call built), the target of a click on a
 * trend point.
 *
 * @param number   its number in the report, 1 for the oldest shown
 * @param start    when its first service started
 * @param services what each service did
 */
public record ReportBuild(int number, Instant start, List<BuildSummary> services) {
    public ReportBuild {
        services = List.copyOf(services);
    }

    /** The HTML id of its section: trend points link to {@code #build-<number>}. */
    String anchor() {
        return "build-" + number;
    }
}
