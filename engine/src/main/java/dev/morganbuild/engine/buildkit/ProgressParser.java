package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.exec.LineSink;
import dev.morganbuild.engine.record.StepRecord;
import java.util.List;

/** Turns docker's build output, line by line, into step records. */
public interface ProgressParser extends LineSink {
    List<StepRecord> steps();

    /** Build-context bytes transferred, -1 when not reported. */
    long contextBytes();

    /** Image id when the output names one (plain progress), else null. */
    String imageId();

    /** Why the build failed, or null. */
    String errorSummary();

    /** The parser for a {@code --progress} mode: {@code rawjson} (buildx) or plain. */
    static ProgressParser forMode(String progress, ProgressListener listener) {
        return "rawjson".equals(progress) ? new RawJsonProgressParser(listener) : new PlainProgressParser(listener);
    }
}
