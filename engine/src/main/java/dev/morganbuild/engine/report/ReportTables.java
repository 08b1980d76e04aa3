package dev.morganbuild.engine.report;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.trend.DurationText;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.engine.trend.ServiceStats;
import dev.morganbuild.engine.trend.StepAnalysis;
import java.util.List;
import java.util.Locale;

/** The report's tables: services, regressions, a build's steps, the builds (targets of the trend links). */
final class ReportTables {
    private ReportTables() {
    }

    static void stats(StringBuilder h, List<ServiceStats> stats) {
        h.append("<h2>Services</h2>\n<table><tr><th>service</th><th>builds</th><th>median</th><th>p90</th>")
                .append("<th>cold (median)</th><th>warm (median)</th><th>no-cache (median)</th><th>cache hit</th>")
                .append("<th>time saved by cache</th><th>last</th></tr>\n");
        for (ServiceStats s : stats) {
            h.append("<tr><td>").append(Html.text(s.service())).append("</td><td>").append(s.builds()).append("</td><td>")
                    .append(time(s.medianMillis())).append("</td><td>").append(time(s.p90Millis())).append("</td><td>")
                    .append(time(s.medianColdMillis())).append("</td><td>").append(time(s.medianWarmMillis()))
                    .append("</td><td>").append(time(s.medianNoCacheMillis())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.0f %%", s.cacheHitRatio() * 100)).append("</td><td>")
                    .append(time(s.timeSavedMillis())).append("</td><td>").append(time(s.lastMillis())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    static void regressions(StringBuilder h, List<Regression> regressions) {
        h.append("<h2>Regressions</h2>\n");
        if (regressions.isEmpty()) {
            h.append("<p>No regressions.</p>\n");
            return;
        }
        h.append("<ul>\n");
        for (Regression r : regressions) {
            h.append("<li class=\"regression\">").append(Html.text(r.describe())).append("</li>\n");
        }
        h.append("</ul>\n");
    }

    static void lastBuild(StringBuilder h, BuildRecord r) {
        h.append("<h2 id=\"service-").append(Html.text(r.service())).append("\">Last build of ").append(Html.text(r.service()))
                .append("</h2>\n<p>").append(Html.text(BuildKind.label(r.kind(), r.nightly())))
                .append(", ").append(time(r.durationMillis())).append(", ").append(r.stepsCached()).append('/')
                .append(r.stepsTotal()).append(" steps cached, ").append(Html.text(r.status().name().toLowerCase(Locale.ROOT)))
                .append(" on ").append(Html.text(r.node())).append("</p>\n");
    }

    static void steps(StringBuilder h, BuildRecord r) {
        h.append("<table><tr><th>step (slowest first)</th><th>time</th><th>cache</th></tr>\n");
        for (StepRecord s : StepAnalysis.slowestFirst(r)) {
            StepAnalysis.Verdict verdict = StepAnalysis.verdict(r, s);
            String cls = switch (verdict) {
                case FAILED -> "failed";
                case CACHED -> "cached";
                case INVALIDATED -> "culprit";
                case RAN -> "";
            };
            h.append("<tr class=\"").append(cls).append("\"><td>").append(Html.text(s.name())).append("</td><td>")
                    .append(time(s.durationMillis())).append("</td><td>").append(Html.text(verdict.label()));
            if (s.error() != null) {
                h.append("<pre class=\"step-error\">").append(Html.text(s.error())).append("</pre>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    static void builds(StringBuilder h, List<ReportBuild> builds) {
        h.append("<h2>Builds</h2>\n<p>Numbered from 1 for the oldest build shown; newest first.</p>\n");
        for (int i = builds.size() - 1; i >= 0; i--) {
            ReportBuild b = builds.get(i);
            h.append("<section class=\"build\" id=\"").append(b.anchor()).append("\"><h3>Build ").append(b.number())
                    .append(b.start() == null ? "" : " \u00b7 " + b.start()).append("</h3>\n<table><tr><th>service</th>")
                    .append("<th>time</th><th>steps cached</th><th>kind</th><th>status</th></tr>\n");
            for (BuildSummary s : b.services()) {
                h.append("<tr><td>").append(Html.text(s.service())).append("</td><td>").append(time(s.durationMillis()))
                        .append("</td><td>").append(s.stepsCached()).append('/').append(s.stepsTotal()).append("</td><td>")
                        .append(Html.text(BuildKind.label(s.kind(), s.nightly()))).append("</td><td>")
                        .append(s.status() == null ? "-" : s.status().name().toLowerCase(Locale.ROOT)).append("</td></tr>\n");
            }
            h.append("</table></section>\n");
        }
    }

    private static String time(long millis) {
        return DurationText.format(millis);
    }
}
