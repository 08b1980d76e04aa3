package dev.morganbuild.engine.record;

/** How a service build ended. */
public enum BuildStatus {
    SUCCESS,
    FAILED,
    ABORTED
}
