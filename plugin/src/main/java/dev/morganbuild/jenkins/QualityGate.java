package dev.morganbuild.jenkins;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.engine.trend.Regressions;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Optional quality gate: when a service's build time regresses past the configured threshold (a
 * sustained slowdown ending in this build), the build becomes UNSTABLE and the step is marked.
 */
final class QualityGate {
    private QualityGate() {
    }

    static void check(Run<?, ?> run, StepContext ctx, TaskListener listener, String service,
                      MorganGlobalConfiguration config) throws Exception {
        double threshold = config.getRegressionThreshold();
        if (threshold <= 0) {
            return;
        }
        List<BuildSummary> history = JobHistory.summaries(run.getParent(), config.getTrendBuilds()).stream()
                .filter(s -> s.service().equals(service)).toList();
        List<Regression> regressions = Regressions.detect(history, s -> JobHistory.record(run.getParent(), s), threshold);
        for (Regression r : regressions) {
            int first = Integer.parseInt(r.firstBuildId().substring(0, r.firstBuildId().indexOf('/')));
            // ongoing: the slow streak reaches this build
            if (run.getNumber() - first < r.slowBuilds()) {
                String message = "build time regression: " + r.describe();
                listener.getLogger().println("[morgan] " + message);
                run.setResult(Result.UNSTABLE);
                FlowNode node = ctx.get(FlowNode.class);
                if (node != null) {
                    node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
                }
            }
        }
    }
}
