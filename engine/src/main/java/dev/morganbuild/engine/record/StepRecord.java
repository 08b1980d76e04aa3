package dev.morganbuild.engine.record;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One Dockerfile step (a BuildKit vertex) of a service build.
 *
 * @param index      BuildKit's step number ({@code #N} in plain progress), in order of appearance
 * @param name       the vertex name, e.g. {@code [deps 2/4] RUN apt-get install ...}
 * @param stage      the Dockerfile stage, e.g. {@code deps}, or {@code internal} / empty for BuildKit's own steps
 * @param instruction the Dockerfile instruction keyword (RUN, COPY, FROM, ...), or empty
 * @param durationMillis wall time of the step; 0 when cached
 * @param cached     true when BuildKit reused the layer cache for it
 * @param status     DONE, CACHED, ERROR or CANCELED
 * @param error      for a step with status ERROR, BuildKit's error and the step's last output lines; else null
 */
public record StepRecord(int index, String name, String stage, String instruction, long durationMillis,
                         boolean cached, StepStatus status, String error) {

    /** Error text kept per failed step at most, so a step that prints megabytes cannot bloat the record. */
    static final int MAX_ERROR_CHARS = 4000;

    public enum StepStatus { DONE, CACHED, ERROR, CANCELED, RUNNING }

    public StepRecord {
        name = name == null ? "" : name;
        stage = stage == null ? "" : stage;
        instruction = instruction == null ? "" : instruction;
        if (error != null && error.length() > MAX_ERROR_CHARS) {
            // BuildKit's reason comes first and stays; the output lines after it are cut from the front
            int nl = error.indexOf('\n');
            String reason = nl < 0 ? error : error.substring(0, nl);
            reason = reason.length() > MAX_ERROR_CHARS / 2 ? reason.substring(0, MAX_ERROR_CHARS / 2) + "…" : reason;
            String rest = nl < 0 ? "" : error.substring(nl + 1);
            int room = MAX_ERROR_CHARS - reason.length() - 2;
            error = rest.length() <= room ? reason + "\n" + rest : reason + "\n…" + rest.substring(rest.length() - room + 1);
        }
    }

    /** A step that did not fail (or whose error is not known). */
    public StepRecord(int index, String name, String stage, String instruction, long durationMillis,
                      boolean cached, StepStatus status) {
        this(index, name, stage, instruction, durationMillis, cached, status, null);
    }

    /** True for the step the build failed at. */
    @JsonIgnore
    public boolean failed() {
        return status == StepStatus.ERROR;
    }

    /** True for steps the Dockerfile asked for (not BuildKit's internal loading and exporting). */
    @JsonIgnore
    public boolean isBuildStep() {
        return !stage.equals("internal") && !instruction.isEmpty() && !instruction.equals("FROM");
    }
}
