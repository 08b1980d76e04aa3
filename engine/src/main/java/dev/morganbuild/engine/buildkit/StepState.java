package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.record.StepRecord.StepStatus;

/** A step as progress parsers see it while the build runs; {@link #record()} freezes it. */
class StepState {
    final int index;
    final String name;
    private final String[] kind;
    StepStatus status = StepStatus.RUNNING;
    long millis;
    /** BuildKit's error for a failed step, with the step's last output lines. */
    String error;

    StepState(int index, String name) {
        this.index = index;
        this.name = name;
        this.kind = StepNames.split(name);
    }

    StepRecord record() {
        return new StepRecord(index, name, kind[0], kind[1], millis, status == StepStatus.CACHED, status, error);
    }
}
