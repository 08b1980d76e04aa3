package dev.morganbuild.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {
    @Test
    void shouldWriteWhatInstantToStringWritesAndReadItBack() {
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(-62_167_219_200L - 1_000_000, 253_402_300_799L + 1_000_000);
            int nano = switch (i % 4) { // every fraction width: none, milli, micro, nano
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);

            String text = IsoInstant.format(instant);

            assertThat(text).isEqualTo(instant.toString());
            assertThat(IsoInstant.parse(text)).isEqualTo(instant).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void shouldCountDaysAsJavaTimeDoesAcrossLeapYearsAndCenturies() {
        for (LocalDate d = LocalDate.of(1599, 1, 1); d.isBefore(LocalDate.of(2501, 1, 1)); d = d.plusDays(1)) {
            assertThat(IsoInstant.days(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).isEqualTo(d.toEpochDay());
            assertThat(IsoInstant.civil(d.toEpochDay())).containsExactly(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-03T06:42:08Z", "2026-12-03T06:42:08.4Z", "2026-12-03T06:42:08.41Z",
        "2026-12-03T06:42:08.417977718Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "2024-02-29T12:00:00Z", "2026-12-03t06:42:08z", "2026-12-03T06:42:08+01:00", "+12026-12-03T06:42:08Z",
        "2016-12-31T23:59:60Z", "2026-12-03T24:00:00Z", "2026-12-03T06:42:08.Z"})
    void shouldReadEveryFormInstantParseReads(String text) {
        assertThat(IsoInstant.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-12-03", "2026-13-03T06:42:08Z", "2025-02-29T06:42:08Z",
        "2026-12-03T06:60:08Z", "2026-12-03T06:42:08.1234567890Z", "2026-12-03 06:42:08Z",
        "2026-1x-03T06:42:08Z", "2026-12-03T06:42:08.12a4Z"})
    void shouldRefuseWhatInstantParseRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstant.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
