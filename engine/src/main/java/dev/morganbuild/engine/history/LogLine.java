package dev.morganbuild.engine.history;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** A history log line: {@code <crc32 of json, 8 hex digits> <json>\n}. */
final class LogLine {
    private LogLine() {
    }

    static byte[] encode(byte[] json) {
        CRC32 crc = new CRC32();
        crc.update(json);
        // by hand, not String.format("%08x "): a CLI call's first Formatter costs it about 10 ms
        String hex = Long.toHexString(crc.getValue());
        byte[] head = ("00000000".substring(hex.length()) + hex + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[head.length + json.length + 1];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(json, 0, line, head.length, json.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /** The JSON of a complete line (without its newline), or null when the checksum does not match. */
    static byte[] decode(byte[] line, int length) {
        if (length < 10 || line[8] != ' ') {
            return null;
        }
        long expected;
        try {
            expected = Long.parseLong(new String(line, 0, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(line, 9, length - 9);
        if (crc.getValue() != expected) {
            return null;
        }
        byte[] json = new byte[length - 9];
        System.arraycopy(line, 9, json, 0, json.length);
        return json;
    }
}
