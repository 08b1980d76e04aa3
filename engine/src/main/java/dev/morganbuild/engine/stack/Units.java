package dev.morganbuild.engine.stack;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human sizes ({@code 4GiB}, {@code 500MB}) and durations ({@code 1h30m}) of x-morgan. */
final class Units {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Units() {
    }

    /**
     * Bytes in {@code text}: a plain number of bytes, or a number with B, KB/MB/GB/TB (powers of 1000),
     * KiB/MiB/GiB/TiB or K/M/G/T (powers of 1024, as docker writes them). Case does not matter.
     *
     * @throws IllegalArgumentException with a user-facing reason
     */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size");
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "kb" -> 1000L;
            case "mb" -> 1000L * 1000;
            case "gb" -> 1000L * 1000 * 1000;
            case "tb" -> 1000L * 1000 * 1000 * 1000;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "t", "tib" -> 1L << 40;
            default -> throw new IllegalArgumentException("'" + m.group(2) + "' is not a size unit");
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        if (bytes.signum() <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a positive size");
        }
        return bytes.longValue();
    }

    /**
     * Seconds in {@code text}: a plain number of seconds, or hours/minutes/seconds such as
     * {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2h5m10s}.
     *
     * @throws IllegalArgumentException with a user-facing reason
     */
    static long parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long seconds;
        try {
            if (t.chars().allMatch(Character::isDigit) && !t.isEmpty()) {
                seconds = Long.parseLong(t);
            } else {
                Matcher m = DURATION.matcher(t);
                if (t.isEmpty() || !m.matches()) {
                    throw new IllegalArgumentException("'" + text + "' is not a duration");
                }
                seconds = Math.addExact(Math.addExact(
                        Math.multiplyExact(number(m.group(1)), 3600L),
                        Math.multiplyExact(number(m.group(2)), 60L)), number(m.group(3)));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration");
        }
        return seconds;
    }

    private static long number(String digits) {
        return digits == null ? 0L : Long.parseLong(digits);
    }
}
