package dev.morganbuild.engine.job;

import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.BuildRecord;

/**
 * A service's build-time budget ({@code x-morgan.budget}): the record keeps the budget in force, and a
 * successful build that took longer gets a warning saying by how much. Front ends show it (the CLI's
 * summary, the report, the Jenkins build, which it marks UNSTABLE); the build itself still succeeds.
 */
final class BuildBudget {
    private BuildBudget() {
    }

    static BuildRecord check(PlannedService s, BuildRecord r, BuildListener listener) {
        Long seconds = s.service().settings().budgetSeconds();
        if (seconds == null) {
            return r;
        }
        BuildRecord withBudget = r.toBuilder().budgetMillis(seconds * 1000).build();
        if (!withBudget.overBudget()) {
            return withBudget;
        }
        String w = withBudget.budgetOverrun().orElseThrow();
        listener.message(s.name(), w);
        return withBudget.toBuilder().warning(w).build();
    }
}
