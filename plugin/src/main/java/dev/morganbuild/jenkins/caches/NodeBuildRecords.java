package dev.morganbuild.jenkins.caches;

import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.jenkins.model.MorganBuildAction;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * The records of the recent morgan-build builds of every job, by the node they ran on: what lets an
 * agent attribute its engine's layers and cache mounts to services, and forecast their growth (a
 * Jenkins job's history lives on the controller, not in the agent's cache root).
 */
final class NodeBuildRecords {
    /** Builds looked at per job, newest first, with or without morgan-build results. */
    static final int BUILDS_PER_JOB = 10;

    private NodeBuildRecords() {
    }

    /** Node name ("built-in" for the controller) to the records of the builds that ran there. */
    static Map<String, List<BuildRecord>> byNode() {
        Map<String, List<BuildRecord>> out = new LinkedHashMap<>();
        // as SYSTEM: the page's figures are kept for every viewer, so they must not depend on who asked first
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                int seen = 0;
                for (Run<?, ?> run = job.getLastBuild(); run != null && seen < BUILDS_PER_JOB; run = run.getPreviousBuild()) {
                    seen++;
                    MorganBuildAction action = run.getAction(MorganBuildAction.class);
                    if (action == null) {
                        continue;
                    }
                    for (BuildRecord r : action.getRecords()) {
                        if (r.node() != null) {
                            out.computeIfAbsent(r.node(), k -> new ArrayList<>()).add(r);
                        }
                    }
                }
            }
        }
        return out;
    }
}
