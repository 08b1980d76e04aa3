package dev.morganbuild.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Which texts IsoInstant reads itself (the plain UTC form the cache root and history write, so that a
 * CLI call never loads the JDK's ISO parser) and which it leaves to {@link Instant#parse}.
 */
class IsoInstantPlainFormTest {
    @ParameterizedTest
    @ValueSource(strings = {"2026-12-03T06:42:08Z", "2026-12-03T06:42:08.4Z", "2026-12-03T06:42:08.417977718Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1999-09-09T19:59:59Z", "2024-02-29T12:00:00Z",
        "2000-02-29T00:00:00Z", "2026-01-31T00:00:00Z", "2026-04-30T00:00:00Z", "2026-02-28T00:00:00Z",
        "2026-12-31T23:59:59Z", "2026-10-10T10:10:10.1000Z"})
    void shouldReadThePlainUtcFormItself(String text) {
        assertThat(IsoInstant.plain(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-03t06:42:08z", "2026-12-03T06:42:08+01:00", "+12026-12-03T06:42:08Z",
        "2016-12-31T23:59:60Z", "2026-12-03T24:00:00Z", "2026-12-03T06:42:08.Z", "2025-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
        "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z", "2026-12-03T06:60:00Z", "2026-12-03T06:42:08.1234567890Z",
        "2026-1x-03T06:42:08Z", "2026-12-03T06:42:08.12a4Z", "2026/12-03T06:42:08Z", "2026-12/03T06:42:08Z",
        "2026-12-03 06:42:08Z", "2026-12-03T06-42:08Z", "2026-12-03T06:42-08Z", "2026-12-03T06:42:08,5Z",
        "2026-12-03T06:42:0Z", "2026-12-03T06:42:08.1234567891Z", "-001-12-03T06:42:08Z", "2026-12-03T06:42:/8Z",
        "2026-12-03T06:42::8Z"})
    void shouldLeaveEveryOtherFormToTheJdk(String text) {
        assertThat(IsoInstant.plain(text)).isNull();
    }

    @Test
    void shouldWriteYearsBeyondFourDigitsAsInstantDoes() {
        for (String text : new String[] {"+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z", "-1000000-06-15T12:00:00.500Z"}) {
            Instant i = Instant.parse(text);
            assertThat(IsoInstant.format(i)).isEqualTo(i.toString()).isEqualTo(text);
        }
        assertThat(IsoInstant.format(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("0000-01-01T00:00:00Z");
        assertThat(IsoInstant.format(Instant.parse("9999-12-31T23:59:59Z"))).isEqualTo("9999-12-31T23:59:59Z");
    }
}
