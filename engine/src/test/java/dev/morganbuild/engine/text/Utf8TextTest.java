package dev.morganbuild.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import org.junit.jupiter.api.Test;

/** Strict UTF-8 decoding of users' files: the byte-order mark, and where a bad byte is. */
class Utf8TextTest {
    static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    static String decode(byte[] b) {
        return Utf8Text.decode("compose.yaml", b, "a compose file");
    }

    @Test
    void shouldDropALeadingByteOrderMarkOnly() {
        assertThat(decode(bytes(0xEF, 0xBB, 0xBF, 'a', 'b'))).isEqualTo("ab");
        assertThat(decode(bytes(0xEF, 0xBB, 0xBF))).isEmpty();
        assertThat(decode(bytes('a', 0xEF, 0xBB, 0xBF))).isEqualTo("a\uFEFF");
    }

    @Test
    void shouldKeepCharactersThatShareTwoOfTheMarksThreeBytes() {
        assertThat(decode(bytes(0xEF, 0xBC, 0xBF, 'x'))).isEqualTo("\uFF3Fx"); // fullwidth low line
        assertThat(decode(bytes(0xE0, 0xBB, 0xBF, 'x'))).isEqualTo("\u0EFFx");
        assertThat(decode(bytes(0xEF, 0xBB, 0x80, 'x'))).isEqualTo("\uFEC0x");
        assertThat(decode(bytes('h', 'i'))).isEqualTo("hi");
    }

    @Test
    void shouldNameTheLineAndColumnOfTheFirstBadByte() {
        // "ab\nçd\x80": line 2, the bad byte after two characters (one of them two bytes long)
        assertThatThrownBy(() -> decode(bytes('a', 'b', '\n', 0xC3, 0xA7, 'd', 0x80, '\n')))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.file()).isEqualTo("compose.yaml");
                })
                .hasMessageContaining("a compose file is not valid UTF-8: byte 0x80 here does not start or continue");
        assertThatThrownBy(() -> decode(bytes(0xEF, 0xBB, 0xBF, 'a', 0xFF)))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo(2);
                }).hasMessageContaining("byte 0xFF");
    }

    @Test
    void shouldRefuseACharacterCutOffAtTheEnd() {
        assertThatThrownBy(() -> decode(bytes('a', '\n', 'b', 0xE2, 0x82)))
                .isInstanceOfSatisfying(MorganException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(2);
                }).hasMessageContaining("is not valid UTF-8");
    }
}
