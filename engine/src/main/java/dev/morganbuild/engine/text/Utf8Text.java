package dev.morganbuild.engine.text;

import dev.morganbuild.engine.MorganException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a text file's bytes as strict UTF-8. A file that is not valid UTF-8 (a Latin-1 editor, a
 * binary pasted in, a truncated multi-byte character) is refused with the line and column of the first
 * bad byte, instead of the decoder's bare "Input length = 1".
 */
public final class Utf8Text {
    private Utf8Text() {
    }

    /** The text of {@code bytes}, without a leading byte-order mark. */
    public static String decode(String file, byte[] bytes, String what) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw badByte(file, bytes, start, in.position(), what);
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw badByte(file, bytes, start, in.position(), what);
        }
        out.flip();
        return out.toString();
    }

    private static MorganException badByte(String file, byte[] bytes, int start, int at, String what) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        try {
            column = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(bytes, lineStart, at - lineStart)).length() + 1;
        } catch (CharacterCodingException e) {
            column = at - lineStart + 1;
        }
        String hex = at < bytes.length ? String.format("0x%02X", bytes[at] & 0xFF) : "end of file";
        return new MorganException(file, line, column,
                what + " is not valid UTF-8: byte " + hex + " here does not start or continue a UTF-8 character",
                "save the file as UTF-8 (editors often offer 'Save with encoding'); non-ASCII text belongs in "
                        + "UTF-8, and binary data does not belong in " + what);
    }
}
