package dev.morganbuild.engine.cache;

import dev.morganbuild.engine.MorganException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as users write them: {@code 4GiB}, {@code 500MB}, {@code 1.5G}, {@code 1073741824}. */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kKmMgGtT]?)(i?)([bB]?)\\s*$");

    private ByteSize() {
    }

    /** Binary (KiB, GiB) and decimal (kB, GB) units; a bare letter (G) means binary, like docker's. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw MorganException.of("'" + text + "' is not a size",
                    "write a number of bytes or a size such as 500MB, 4GiB or 1.5G");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        boolean binary = !m.group(3).isEmpty() || m.group(4).isEmpty();
        int power = "KMGT".indexOf(unit) + 1;
        double bytes = n * Math.pow(binary ? 1024 : 1000, unit.isEmpty() ? 0 : power);
        if (bytes > Long.MAX_VALUE / 2) {
            throw MorganException.of("size '" + text + "' is too large", "use at most a few TiB");
        }
        return Math.round(bytes);
    }

    /** Human-readable, binary units: {@code 1.5 GiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** Decimal units with three significant digits, as docker prints sizes: {@code 176MB}, {@code 4.83kB}. */
    public static String formatDecimal(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int i = 0;
        while (v >= 1000 && i < units.length - 1) {
            v /= 1000;
            i++;
        }
        String n = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return n + units[i];
    }
}
