package dev.morganbuild.engine.chart;

import java.util.function.LongSupplier;

/**
 * The unit a duration axis is drawn in: seconds, or minutes once the longest value passes two minutes,
 * so axis labels stay short ("{value} s" / "{value} min") without a formatter function in the JSON.
 */
enum TimeUnit {
    SECONDS(1000, "s"), MINUTES(60_000, "min");

    private final long millis;
    private final String symbol;

    TimeUnit(long millis, String symbol) {
        this.millis = millis;
        this.symbol = symbol;
    }

    static TimeUnit forMax(LongSupplier maxMillis) {
        return maxMillis.getAsLong() >= 120_000 ? MINUTES : SECONDS;
    }

    /** The value drawn: millis in this unit, two decimals. */
    double of(long durationMillis) {
        return Math.round(durationMillis * 100.0 / millis) / 100.0;
    }

    /** ECharts' axis label template, e.g. "{value} s". */
    String labelFormatter() {
        return "{value} " + symbol;
    }
}
