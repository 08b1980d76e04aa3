package dev.morganbuild.engine.history;

import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Reads the history log from an offset, line by line, skipping and reporting torn or corrupted lines. */
final class LogScanner {
    private LogScanner() {
    }

    interface Visitor {
        void record(BuildRecord record, long offset, int length) throws IOException;
    }

    /**
     * @param report       what was read and skipped, warnings capped
     * @param damagedLines every skipped line's byte offset, and where and why (they are short)
     */
    record Result(ReadReport report, java.util.Map<Long, String> damagedLines) {
    }

    /** A record line is a few kB; a longer one is damage (e.g. the zeros a crash can leave), skipped unread. */
    static final int MAX_LINE_BYTES = 16 << 20;
    /** Warnings kept word for word; the rest are counted, so a file of garbage cannot fill the heap. */
    static final int MAX_WARNINGS = 100;

    static Result scan(Path log, long from, Visitor visitor) throws IOException {
        int read = 0;
        int skipped = 0;
        List<String> warnings = new ArrayList<>();
        java.util.Map<Long, String> damaged = new java.util.LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            ch.position(from);
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long offset = from;
            long pos = from;
            boolean tooLong = false;
            int b;
            while ((b = in.read()) != -1) {
                pos++;
                if (b != '\n') {
                    if (line.size() < MAX_LINE_BYTES) {
                        line.write(b);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                byte[] bytes = line.toByteArray();
                line.reset();
                long length = pos - offset;
                BuildRecord r = tooLong ? null : parse(bytes);
                if (r != null) {
                    visitor.record(r, offset, (int) length);
                    read++;
                } else if (bytes.length > 0) {
                    skipped++;
                    String w = "history line at byte " + offset + " of " + log + (tooLong ? " is " + length
                            + " bytes long, not a record" : " is torn or corrupted") + "; skipped";
                    damaged.put(offset, w);
                    warn(warnings, skipped, w);
                }
                tooLong = false;
                offset = pos;
            }
            if (line.size() > 0) {
                skipped++;
                String w = "history " + log + " ends with a torn record at byte " + offset + " (" + (pos - offset)
                        + " bytes, e.g. a crash while writing); skipped";
                damaged.put(offset, w);
                warn(warnings, skipped, w);
            }
        }
        if (skipped > MAX_WARNINGS) {
            warnings.add("... and " + (skipped - MAX_WARNINGS) + " more damaged lines skipped");
        }
        return new Result(new ReadReport(read, skipped, warnings), damaged);
    }

    private static void warn(List<String> warnings, int skipped, String warning) {
        if (skipped <= MAX_WARNINGS) {
            warnings.add(warning);
        }
    }

    private static BuildRecord parse(byte[] bytes) {
        byte[] json = LogLine.decode(bytes, bytes.length);
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(json, BuildRecord.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
