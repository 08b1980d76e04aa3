package dev.morganbuild.engine.record;

/** How a service build ended. */
public enum BuildStatus {
    SUCCESS,
    FAILED,
    /** Stopped while it ran (an abort, an interrupt). */
    ABORTED,
    /** Never started: a service it depends on failed (or, with fail-fast, another service did). */
    SKIPPED
}
