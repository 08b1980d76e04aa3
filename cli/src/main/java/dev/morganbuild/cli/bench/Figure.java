package dev.morganbuild.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One reported figure: the ratio of the medians of two series measured in the same run ({@code a / b}),
 * with its goal when the issue sets one.
 *
 * @param name  what is compared, e.g. "warm tts: morgan-build / raw docker"
 * @param aName label of the numerator series
 * @param a     numerator samples (milliseconds, or bytes for sizes)
 * @param bName label of the denominator series
 * @param b     denominator samples
 * @param goal  "<= 1.03", ">= 10", or null when the figure is only reported
 * @param unit  "ms" or "bytes"
 */
record Figure(String name, String aName, List<Long> a, String bName, List<Long> b, String goal, String unit) {
    Figure {
        a = List.copyOf(a);
        b = List.copyOf(b);
    }

    static Figure time(String name, String aName, List<Long> a, String bName, List<Long> b, String goal) {
        return new Figure(name, aName, a, bName, b, goal, "ms");
    }

    static Figure size(String name, String aName, long a, String bName, long b) {
        return new Figure(name, aName, List.of(a), bName, List.of(b), null, "bytes");
    }

    double ratio() {
        double den = median(b);
        return den == 0 ? Double.NaN : median(a) / den;
    }

    /** "met", "missed", or "-" when there is no goal. */
    String verdict() {
        if (goal == null) {
            return "-";
        }
        String[] g = goal.split(" ");
        if (g[0].equals("extra")) { // "extra <= 250 ms": the numerator's median over the denominator's
            return extraMillis() <= Double.parseDouble(g[2]) ? "met" : "MISSED";
        }
        double target = Double.parseDouble(g[1]);
        boolean met = g[0].equals("<=") ? ratio() <= target : ratio() >= target;
        return met ? "met" : "MISSED";
    }

    /** What the numerator takes over the denominator, in milliseconds of medians. */
    double extraMillis() {
        return median(a) - median(b);
    }

    /** Median of the samples; the mean of the middle two for an even count. */
    static double median(List<Long> samples) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Long> s = new ArrayList<>(samples);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
    }

    String format(double value) {
        if (unit.equals("bytes")) {
            return value >= 1e6 ? String.format(Locale.ROOT, "%.1f MB", value / 1e6)
                    : String.format(Locale.ROOT, "%.1f kB", value / 1e3);
        }
        return value >= 10_000 ? String.format(Locale.ROOT, "%.1f s", value / 1000)
                : String.format(Locale.ROOT, "%.3f s", value / 1000);
    }
}
