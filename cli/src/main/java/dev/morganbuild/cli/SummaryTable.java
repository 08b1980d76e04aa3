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
        // padded by hand, not with String.format: a CLI call's first Formatter costs it about 10 ms
        row(sb, w, "SERVICE", "TIME", "STEPS CACHED", "KIND", "STATUS");
        long total = 0;
        for (BuildRecord r : records) {
            total += r.durationMillis();
            String kind = BuildKind.label(r.kind(), r.nightly());
            row(sb, w, r.service(), DurationText.format(r.durationMillis()), r.stepsCached() + "/" + r.stepsTotal(),
                    kind, r.status().name().toLowerCase(Locale.ROOT));
        }
        left(sb, "(sum)", w).append("  ");
        right(sb, DurationText.format(total), 10).append(System.lineSeparator());
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

    /** {@code %-Ws  %10s  %12s  %-8s  %-7s%n}: the columns at least that wide, longer values in full. */
    private static void row(StringBuilder sb, int w, String service, String time, String steps, String kind,
                            String status) {
        left(sb, service, w).append("  ");
        right(sb, time, 10).append("  ");
        right(sb, steps, 12).append("  ");
        left(sb, kind, 8).append("  ");
        left(sb, status, 7).append(System.lineSeparator());
    }

    private static StringBuilder left(StringBuilder sb, String text, int width) {
        sb.append(text);
        return spaces(sb, width - text.length());
    }

    private static StringBuilder right(StringBuilder sb, String text, int width) {
        return spaces(sb, width - text.length()).append(text);
    }

    private static StringBuilder spaces(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
        return sb;
    }
}
