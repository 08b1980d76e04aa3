package dev.morganbuild.jenkins.steps;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.jenkins.Messages;
import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import dev.morganbuild.jenkins.model.JobHistory;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Optional quality gate: when this build completes a sustained slowdown of the service past the
 * configured threshold, the build becomes UNSTABLE and the step is marked with the engine's
 * description (service, times, culprit step). A service over its {@code x-morgan.budget} does the same.
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
        for (Regression r : newWith(run, history, threshold)) {
            unstable(run, ctx, listener, Messages.QualityGate_Regression(r.describe()));
        }
    }

    /** A build slower than its service's x-morgan.budget makes the run UNSTABLE, saying by how much. */
    static void checkBudget(Run<?, ?> run, StepContext ctx, TaskListener listener, BuildRecord record) throws Exception {
        var message = record.budgetOverrun();
        if (message.isPresent()) {
            unstable(run, ctx, listener, message.get());
        }
    }

    private static void unstable(Run<?, ?> run, StepContext ctx, TaskListener listener, String message) throws Exception {
        listener.getLogger().println(Messages.Log_Line(message));
        run.setResult(Result.UNSTABLE);
        FlowNode node = ctx.get(FlowNode.class);
        if (node != null) {
            node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
        }
    }

    /** The regressions that this build's results complete ({@link dev.morganbuild.engine.trend.QualityGate}). */
    static List<Regression> newWith(Run<?, ?> run, List<BuildSummary> history, double threshold) {
        return dev.morganbuild.engine.trend.QualityGate.newRegressions(history, s -> s.offset() == run.getNumber(),
                threshold, s -> JobHistory.record(run.getParent(), s));
    }
}
