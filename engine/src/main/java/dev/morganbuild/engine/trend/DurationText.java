package dev.morganbuild.engine.trend;


/**
 * The one way every page, report, chart and table writes a duration: {@code 850 ms}, {@code 12.4 s},
 * {@code 3 min 05 s}, {@code 1 h 02 min}. Rounding happens before the unit is chosen, so 59 960 ms
 * reads {@code 1 min 00 s}, never {@code 60.0 s}.
 */
public final class DurationText {
    /** What is written for a duration that is not known (negative values, e.g. no cold build yet). */
    static final String NONE = "\u2013";

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
            return tenths / 10 + "." + tenths % 10 + " s"; // not String.format: its first use costs a CLI call ~10 ms
        }
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 3600) {
            return seconds / 60 + " min " + twoDigits(seconds % 60) + " s";
        }
        long minutes = Math.round(millis / 60_000.0);
        return minutes / 60 + " h " + twoDigits(minutes % 60) + " min";
    }

    private static String twoDigits(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }
}
