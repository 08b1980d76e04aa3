package dev.morganbuild.jenkins.model;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildRecord;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Reads a job's build-time history from its builds' summaries, newest first, stopping after a bounded count. */
public final class JobHistory {
    private JobHistory() {
    }

    /** Summaries of up to {@code maxBuilds} builds with morgan-build results, oldest first. */
    public static List<BuildSummary> summaries(Job<?, ?> job, int maxBuilds) {
        List<BuildSummary> out = new ArrayList<>();
        int seen = 0;
        for (Run<?, ?> run = job.getLastBuild(); run != null && seen < maxBuilds; run = run.getPreviousBuild()) {
            MorganBuildAction action = run.getAction(MorganBuildAction.class);
            if (action == null) {
                continue;
            }
            seen++;
            List<ServiceSummary> services = action.getServices();
            for (int i = services.size() - 1; i >= 0; i--) {
                out.add(services.get(i).toBuildSummary(run.getNumber()));
            }
        }
        Collections.reverse(out);
        return out;
    }

    /** The full record behind a summary: reads that build's side file (used only for a regression's culprit). */
    public static Optional<BuildRecord> record(Job<?, ?> job, BuildSummary s) {
        Run<?, ?> run = job.getBuildByNumber((int) s.offset());
        MorganBuildAction action = run == null ? null : run.getAction(MorganBuildAction.class);
        return action == null ? Optional.empty() : action.getRecord(s.service());
    }
}
