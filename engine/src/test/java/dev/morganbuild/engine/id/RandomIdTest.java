package dev.morganbuild.engine.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomIdTest {
    @Test
    void shouldMakeVersion4UuidsInTheIetfVariant() {
        for (int i = 0; i < 100; i++) {
            UUID u = RandomId.uuid();

            assertThat(u.version()).isEqualTo(4);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(UUID.fromString(u.toString())).isEqualTo(u);
        }
    }

    @Test
    void shouldNeverRepeatAndUseEveryRandomBit() {
        Set<UUID> seen = new HashSet<>();
        long msbOr = 0;
        long lsbOr = 0;
        long msbAnd = -1;
        long lsbAnd = -1;
        for (int i = 0; i < 10_000; i++) {
            UUID u = RandomId.uuid();
            assertThat(seen.add(u)).isTrue();
            msbOr |= u.getMostSignificantBits();
            lsbOr |= u.getLeastSignificantBits();
            msbAnd &= u.getMostSignificantBits();
            lsbAnd &= u.getLeastSignificantBits();
        }
        // over 10,000 ids every bit but the version's and the variant's takes both values
        assertThat(msbOr | 0xf000L).isEqualTo(-1L);
        assertThat(msbAnd & ~0xf000L).isZero();
        assertThat(msbAnd & 0xf000L).isEqualTo(0x4000L);
        assertThat(lsbOr | 0xc000_0000_0000_0000L).isEqualTo(-1L);
        assertThat(lsbAnd & ~0xc000_0000_0000_0000L).isZero();
        assertThat(lsbOr >>> 62).isEqualTo(2L);
    }
}
