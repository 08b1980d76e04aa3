package dev.morganbuild.engine.buildkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as BuildKit prints them ({@code 225B}, {@code 1.10kB}, {@code 85.2MB}): decimal units. */
final class ByteUnits {
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kMGT]?B)");

    private ByteUnits() {
    }

    /** The first size in {@code text}, in bytes, or -1. */
    static long first(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.find()) {
            return -1;
        }
        double n = Double.parseDouble(m.group(1));
        double factor = switch (m.group(2)) {
            case "kB" -> 1e3;
            case "MB" -> 1e6;
            case "GB" -> 1e9;
            case "TB" -> 1e12;
            default -> 1;
        };
        return Math.round(n * factor);
    }
}
