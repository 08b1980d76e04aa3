package dev.morganbuild.engine.trend;

import java.util.Locale;

/**
 * The one way every page, report, chart and table writes a duration: {@code 850 ms}, {@code 12.4 s},
 * {@code 3 min 05 s}, {@code 1 h 02 min}. Rounding happens before the unit is chosen, so 59 960 ms
 * reads {@code 1 min 00 s}, never {@code 60.0 s}.
 */
public final class DurationText {
    /** What is written for a duration that is not known (negative values, e.g. no cold build yet). */
    public static final String NONE = "\u2013";

    private DurationText() {
    }

    public static String format(long millis) {
        if (millis < 0) {
            return NONE;
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        long tenths = Math.round(millis / 100.0);
        if (tenths < 600) {
            return String.format(Locale.ROOT, "%d.%d s", tenths / 10, tenths % 10);
        }
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        long minutes = Math.round(millis / 60_000.0);
        return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }
}
