package dev.morganbuild.cli;

import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.trend.DurationText;
import java.util.List;
import java.util.Locale;

/** The table printed after a build: service, time, steps cached, kind, status. */
final class SummaryTable {
    private SummaryTable() {
    }

    static String render(List<BuildRecord> records) {
        int w = Math.max(7, records.stream().mapToInt(r -> r.service().length()).max().orElse(7));
        StringBuilder sb = new StringBuilder();
        String fmt = "%-" + w + "s  %10s  %12s  %-8s  %-7s%n";
        sb.append(String.format(Locale.ROOT, fmt, "SERVICE", "TIME", "STEPS CACHED", "KIND", "STATUS"));
        long total = 0;
        for (BuildRecord r : records) {
            total += r.durationMillis();
            String kind = BuildKind.label(r.kind(), r.nightly());
            sb.append(String.format(Locale.ROOT, fmt, r.service(), DurationText.format(r.durationMillis()),
                    r.stepsCached() + "/" + r.stepsTotal(), kind, r.status().name().toLowerCase(Locale.ROOT)));
        }
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %10s%n", "(sum)", DurationText.format(total)));
        for (BuildRecord r : records) {
            if (r.overBudget()) {
                sb.append(r.service()).append(": over its x-morgan budget: took ").append(DurationText.format(r.durationMillis()))
                        .append(", budget ").append(DurationText.format(r.budgetMillis())).append('\n');
            }
            if (r.error() != null) {
                sb.append(r.service()).append(": ").append(r.error()).append('\n');
            }
            r.pushed().forEach(t -> sb.append(r.service()).append(": pushed ").append(t).append('\n'));
            r.warnings().stream().filter(warning -> warning.contains("registry cache"))
                    .forEach(warning -> sb.append("warning: ").append(warning).append('\n'));
        }
        return sb.toString();
    }
}
