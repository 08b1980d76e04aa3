package dev.morganbuild.engine.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Sha256Test {
    @Test
    void shouldGiveTheStandardsTestVectors() {
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    /** Every length from 0 to 300 bytes (the padding's edge cases at 55, 56 and 64 bytes), and a large input. */
    @Test
    void shouldDigestAsTheJavaRuntimeDoesForInputsOfEveryLength() throws Exception {
        SplittableRandom random = new SplittableRandom(14);
        for (int n = 0; n <= 300; n++) {
            byte[] data = new byte[n];
            for (int i = 0; i < n; i++) {
                data[i] = (byte) random.nextInt(256);
            }
            assertThat(Sha256.digest(data)).as("%d bytes", n).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        }
        byte[] big = new byte[3_000_017];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) random.nextInt(256);
        }
        assertThat(Sha256.hex(big)).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big)));
    }

    @Test
    void shouldDigestTextAsItsUtf8Bytes() throws Exception {
        String text = "FROM ${BASE} AS base\nLABEL x=\"ü€😀\"\n";
        assertThat(Sha256.hex(text)).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))));
    }
}
