package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.record.StepRecord;

/** Hears steps start and end while BuildKit progress is parsed. */
public interface ProgressListener {
    default void onStepStarted(StepRecord step) {
    }

    default void onStepFinished(StepRecord step) {
    }

    /** A line of a step's own output (e.g. apt's), as BuildKit printed it. */
    default void onOutput(int step, String line) {
    }

    ProgressListener NONE = new ProgressListener() {
    };
}
