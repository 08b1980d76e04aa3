package dev.morganbuild.jenkins;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.plan.NightlyDecision;
import dev.morganbuild.engine.record.BuildRecord;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Node;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.labels.LabelAtom;
import hudson.triggers.TimerTrigger;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@link MorganBuildStep} off the CPS VM thread. The engine runs on the agent that holds the
 * workspace (one remoting call, {@link AgentBuild}); the docker CLI runs there, never on the
 * controller's disk. Not durable: a controller restart or a lost agent connection interrupts the build
 * and the step then fails with a message saying so: at once for a lost agent, after the restart
 * ({@link #onResume()}) for a restart ({@link LostConnection}).
 */
final class MorganBuildExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final transient MorganBuildStep step;
    private final String service;

    MorganBuildExecution(MorganBuildStep step, StepContext context) {
        super(context);
        this.step = step;
        this.service = step.getService();
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        try {
            return build();
        } catch (MorganException e) {
            // a user error met on the controller (e.g. nightly: 'sometimes'): one clear message, no stack trace
            throw new AbortException("morgan-build: " + e.getMessage());
        } catch (InterruptedException e) {
            // the build was aborted: stop() interrupts this thread, and what run() throws then is printed under
            // "Aborted by ..." (an AbortException as its message, anything else as a stack trace)
            Thread.currentThread().interrupt();
            throw new AbortException("morgan-build: the build of service '" + service + "' was interrupted; "
                    + "its docker build was stopped");
        }
    }

    private Map<String, Object> build() throws Exception {
        StepContext ctx = getContext();
        Run<?, ?> run = ctx.get(Run.class);
        TaskListener listener = ctx.get(TaskListener.class);
        FilePath workspace = ctx.get(FilePath.class);
        EnvVars env = ctx.get(EnvVars.class);
        Node node = ctx.get(Node.class);
        MorganGlobalConfiguration config = MorganGlobalConfiguration.get();

        boolean timer = run.getCause(TimerTrigger.TimerTriggerCause.class) != null;
        boolean nightly = NightlyDecision.isNightly(NightlyDecision.Mode.parse(step.getNightly()),
                jobParameter(run, "MORGAN_NIGHTLY"), timer);
        if (nightly) {
            listener.getLogger().println("[morgan] nightly build" + (timer ? " (started by timer)" : "")
                    + ": no layer cache");
        }
        AgentRequest request = AgentRequest.of(step, config, node, PipelineEnvironment.of(env, node, config), nightly, run);
        String lines;
        try {
            lines = workspace.act(new AgentBuild(request, listener));
        } catch (IOException | RuntimeException e) {
            if (!LostConnection.isCause(e)) {
                throw e;
            }
            boolean stopping = LostConnection.awaitControllerShutdown();
            throw new AbortException(connectionLost(request.nodeName, stopping));
        }
        List<BuildRecord> records = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (!line.isBlank()) {
                records.add(Json.mapper().readValue(line, BuildRecord.class));
            }
        }
        MorganBuildAction action = MorganBuildAction.record(run, records);
        QualityGate.check(run, ctx, listener, service, config);
        BuildRecord record = records.stream().filter(r -> r.service().equals(service)).findFirst()
                .orElseThrow(() -> new AbortException("morgan-build produced no record for " + service));
        if (!record.succeeded()) {
            throw new AbortException("morgan-build: " + service + " failed: " + record.error());
        }
        QualityGate.checkBudget(run, ctx, listener, record);
        String digest = step.isPush() ? new RegistryPush(step, ctx).push(record) : null;
        if (digest != null) {
            action.setDigest(service, digest);
            run.save();
        }
        return result(record, digest);
    }

    private static Map<String, Object> result(BuildRecord r, String digest) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image", r.tags().isEmpty() ? r.imageId() : r.tags().get(0));
        out.put("imageId", r.imageId());
        out.put("tags", new ArrayList<>(r.tags()));
        out.put("digest", digest);
        out.put("duration", r.durationMillis());
        out.put("stepsCached", r.stepsCached());
        out.put("stepsTotal", r.stepsTotal());
        out.put("kind", ServiceSummary.kindText(r));
        out.put("status", r.status().name());
        return out;
    }

    /** The message for a build cut off from its agent: by the controller shutting down, or by the agent going away. */
    String connectionLost(String nodeName, boolean controllerStopping) {
        String what = controllerStopping ? "the controller shut down while service '" + service + "' was building on '"
                + nodeName + "'" : "the connection to agent '" + nodeName + "' closed while service '" + service
                + "' was building there";
        return "morgan-build: " + what + "; the build was interrupted. Run it again (its layer and mount caches on the "
                + "agent are intact)";
    }

    /** A job parameter's value as text, or null when the build has no such parameter. */
    static String jobParameter(Run<?, ?> run, String name) {
        ParametersAction parameters = run.getAction(ParametersAction.class);
        ParameterValue value = parameters == null ? null : parameters.getParameter(name);
        return value == null || value.getValue() == null ? null : value.getValue().toString();
    }

    /** Labels of a node, for the GPU routing check. */
    static List<String> labels(Node node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            for (LabelAtom a : node.getAssignedLabels()) {
                out.add(a.getName());
            }
        }
        return out;
    }

    @Override
    public void onResume() {
        getContext().onFailure(new AbortException("morganBuild does not survive a controller restart: the build of "
                + "service '" + service + "' was interrupted when the controller stopped; run the build again "
                + "(its layer and mount caches on the agent are intact)"));
    }

}
