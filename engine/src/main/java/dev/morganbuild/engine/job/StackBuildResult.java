package dev.morganbuild.engine.job;

import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.record.BuildRecord;
import java.util.List;

/**
 * What a stack build produced.
 *
 * @param runId   id shared by its records
 * @param backend the BuildKit back end used
 * @param records one record per planned service, in completion order
 */
public record StackBuildResult(String runId, Backend backend, List<BuildRecord> records) {
    public StackBuildResult {
        records = List.copyOf(records);
    }

    public boolean succeeded() {
        return records.stream().allMatch(BuildRecord::succeeded);
    }
}
