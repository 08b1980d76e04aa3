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

    record Result(ReadReport report) {
    }

    static Result scan(Path log, long from, Visitor visitor) throws IOException {
        int read = 0;
        List<String> warnings = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            ch.position(from);
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long offset = from;
            long pos = from;
            int b;
            while ((b = in.read()) != -1) {
                pos++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                byte[] bytes = line.toByteArray();
                line.reset();
                int length = (int) (pos - offset);
                BuildRecord r = parse(bytes);
                if (r != null) {
                    visitor.record(r, offset, length);
                    read++;
                } else if (bytes.length > 0) {
                    warnings.add("history line at byte " + offset + " is torn or corrupted; skipped");
                }
                offset = pos;
            }
            if (line.size() > 0) {
                warnings.add("history ends with a torn record at byte " + offset + " (" + line.size()
                        + " bytes, e.g. a crash while writing); skipped");
            }
        }
        return new Result(new ReadReport(read, warnings.size(), warnings));
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
