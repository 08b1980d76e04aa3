package dev.morganbuild.engine.text;

import java.time.Instant;

/**
 * Instants as the files of the cache root and the history write them ({@code 2026-12-03T06:42:08.417Z}),
 * formatted and read without {@link java.time.format.DateTimeFormatter}.
 *
 * <p>Why: the formatter's first use in a JVM builds every ISO formatter and the parsing machinery, 5 to
 * 15 ms of a one-shot CLI call that writes a record and reads the ledger. The text is exactly
 * {@link Instant#toString()}'s, and {@link #parse} gives what {@link Instant#parse} gives
 * ({@code IsoInstantTest} compares both); anything but the plain UTC form with a four-digit year is left
 * to the JDK, which also reports the errors.
 */
public final class IsoInstant {
    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01 and 9999-12-31, the years written with four digits. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND = 253_402_300_799L;

    private IsoInstant() {
    }

    /** {@code instant.toString()}: {@code yyyy-MM-ddTHH:mm:ss}, the fraction in groups of three digits, {@code Z}. */
    public static String format(Instant instant) {
        long s = instant.getEpochSecond();
        if (s < MIN_SECOND || s > MAX_SECOND) {
            return instant.toString();
        }
        long days = Math.floorDiv(s, SECONDS_PER_DAY);
        int secs = (int) Math.floorMod(s, SECONDS_PER_DAY);
        long[] ymd = civil(days);
        StringBuilder sb = new StringBuilder(30);
        pad(sb, ymd[0], 4).append('-');
        pad(sb, ymd[1], 2).append('-');
        pad(sb, ymd[2], 2).append('T');
        pad(sb, secs / 3600, 2).append(':');
        pad(sb, secs / 60 % 60, 2).append(':');
        pad(sb, secs % 60, 2);
        int nano = instant.getNano();
        if (nano != 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                pad(sb, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                pad(sb, nano / 1000, 6);
            } else {
                pad(sb, nano, 9);
            }
        }
        return sb.append('Z').toString();
    }

    /** The instant {@code text} names, as {@link Instant#parse} reads it. */
    public static Instant parse(CharSequence text) {
        Instant plain = plain(text);
        return plain != null ? plain : Instant.parse(text);
    }

    /** The instant of {@code text} in the plain UTC form with a four-digit year, or null: the JDK reads the rest. */
    static Instant plain(CharSequence text) {
        int n = text.length();
        // yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z
        if (n < 20 || n > 30 || n == 21 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || n > 20 && text.charAt(19) != '.') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nano = 0;
        if (n > 20) {
            int f = digits(text, 20, n - 1);
            if (f < 0) {
                return null;
            }
            nano = f;
            for (int i = n - 1 - 20; i < 9; i++) {
                nano *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0
                || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null; // out of range, a leap second, not digits: the JDK's rules and errors
        }
        long epochSecond = days(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(epochSecond, nano);
    }

    /** The digits {@code text[from, to)} as a number, or -1 if any is not a digit. */
    private static int digits(CharSequence text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static StringBuilder pad(StringBuilder sb, long value, int width) {
        String v = Long.toString(value);
        for (int i = v.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(v);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    // Days since 1970-01-01 of a date in the proleptic Gregorian calendar and back, as java.time counts them
    // (H. Hinnant's days_from_civil and civil_from_days).

    static long days(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    static long[] civil(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return new long[] {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
    }
}
