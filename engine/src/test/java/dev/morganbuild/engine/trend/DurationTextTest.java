package dev.morganbuild.engine.trend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void shouldWriteMillisecondsBelowOneSecond() {
        assertThat(DurationText.format(0)).isEqualTo("0 ms");
        assertThat(DurationText.format(850)).isEqualTo("850 ms");
        assertThat(DurationText.format(999)).isEqualTo("999 ms");
    }

    @Test
    void shouldWriteTenthsOfASecondBelowOneMinute() {
        assertThat(DurationText.format(1000)).isEqualTo("1.0 s");
        assertThat(DurationText.format(12_449)).isEqualTo("12.4 s");
        assertThat(DurationText.format(12_450)).isEqualTo("12.5 s");
        assertThat(DurationText.format(59_949)).isEqualTo("59.9 s");
    }

    @Test
    void shouldRoundBeforeChoosingTheUnit() {
        assertThat(DurationText.format(59_960)).isEqualTo("1 min 00 s");
        assertThat(DurationText.format(3_599_600)).isEqualTo("1 h 00 min");
    }

    @Test
    void shouldWriteMinutesWithTwoDigitSeconds() {
        assertThat(DurationText.format(185_000)).isEqualTo("3 min 05 s");
        assertThat(DurationText.format(53_520 * 10)).isEqualTo("8 min 55 s");
    }

    @Test
    void shouldWriteHoursWithTwoDigitMinutes() {
        assertThat(DurationText.format(3_720_000)).isEqualTo("1 h 02 min");
    }

    @Test
    void shouldWriteADashForUnknownDurations() {
        assertThat(DurationText.format(-1)).isEqualTo(DurationText.NONE);
    }
}
