package dev.morganbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.trend.DurationText;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SummaryTableTest {
    @Test
    void shouldLayOutTheColumnsAsTheFormatStringDid() {
        List<BuildRecord> records = List.of(
                record("core", 101, 8, 8, BuildKind.WARM, false, BuildStatus.SUCCESS),
                record("a-service-with-a-long-name", 19_400, 0, 8, BuildKind.COLD, false, BuildStatus.SUCCESS),
                record("tts", 185_000, 3, 123_456_789, BuildKind.NO_CACHE, true, BuildStatus.FAILED),
                record("x", 0, 0, 0, null, false, BuildStatus.SKIPPED));

        String table = SummaryTable.render(records);

        // the layout of String.format("%-Ws  %10s  %12s  %-8s  %-7s%n"), which the table used to be written with
        int w = "a-service-with-a-long-name".length();
        String fmt = "%-" + w + "s  %10s  %12s  %-8s  %-7s%n";
        StringBuilder expected = new StringBuilder(String.format(Locale.ROOT, fmt, "SERVICE", "TIME", "STEPS CACHED",
                "KIND", "STATUS"));
        long total = 0;
        for (BuildRecord r : records) {
            total += r.durationMillis();
            expected.append(String.format(Locale.ROOT, fmt, r.service(), DurationText.format(r.durationMillis()),
                    r.stepsCached() + "/" + r.stepsTotal(), BuildKind.label(r.kind(), r.nightly()),
                    r.status().name().toLowerCase(Locale.ROOT)));
        }
        expected.append(String.format(Locale.ROOT, "%-" + w + "s  %10s%n", "(sum)", DurationText.format(total)));
        assertThat(table).startsWith(expected.toString());
        assertThat(table.lines().findFirst().orElseThrow()).isEqualTo(
                "SERVICE                           TIME  STEPS CACHED  KIND      STATUS ");
    }

    private static BuildRecord record(String service, long millis, int cached, int total, BuildKind kind,
                                      boolean nightly, BuildStatus status) {
        return BuildRecord.builder("id-" + service, "run", service).durationMillis(millis).stepsCached(cached)
                .stepsTotal(total).kind(kind).nightly(nightly).status(status).build();
    }
}
