package dev.morganbuild.engine.job;

import dev.morganbuild.engine.record.BuildRecord;
import java.util.List;

/**
 * What a stack build produced.
 *
 * @param runId   id shared by its records
 * @param backend the BuildKit back end used ({@code buildx} or {@code builtin}), or null when nothing was built
 * @param records one record per planned service, in completion order
 */
public record StackBuildResult(String runId, String backend, List<BuildRecord> records) {
    public StackBuildResult {
        records = List.copyOf(records);
    }

    public boolean succeeded() {
        return records.stream().allMatch(BuildRecord::succeeded);
    }
}
