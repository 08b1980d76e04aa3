package dev.morganbuild.engine.cache;

import java.util.List;

/**
 * What a prune of the engine's build cache did.
 *
 * @param deleted        the record ids docker deleted
 * @param reclaimedBytes what docker says it gave back
 * @param skippedInUse   the ids of the records the prune aimed at that a running build held: BuildKit
 *                       keeps them (a prune to a budget aims at every record)
 */
public record EnginePruneResult(List<String> deleted, long reclaimedBytes, List<String> skippedInUse) {
    public EnginePruneResult {
        deleted = List.copyOf(deleted);
        skippedInUse = List.copyOf(skippedInUse);
    }
}
