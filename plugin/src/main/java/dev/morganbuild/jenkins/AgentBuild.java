package dev.morganbuild.jenkins;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.job.StackBuildResult;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.plan.NodeCheck;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.stack.Stack;
import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs on the agent that holds the workspace: plans the service, checks the node's labels, builds it
 * with the engine and returns the records as JSON lines. An abort interrupts this call on the agent,
 * and the engine then stops the docker build process.
 */
final class AgentBuild extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final AgentRequest request;
    private final TaskListener listener;

    AgentBuild(AgentRequest request, TaskListener listener) {
        this.request = request;
        this.listener = listener;
    }

    /** The compose file as the user named it: relative to the workspace when it is inside. */
    private static String shown(File workspace, Stack stack) {
        java.nio.file.Path ws = workspace.toPath().toAbsolutePath().normalize();
        java.nio.file.Path f = stack.composeFile();
        return f.startsWith(ws) ? ws.relativize(f).toString() : f.toString();
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        try {
            var engineRequest = request.toEngine(workspace.getAbsolutePath());
            BuildService engine = BuildService.longLived(new LocalCommandRunner());
            Stack stack = engine.stack(engineRequest);
            List<String> known = new ArrayList<>(stack.serviceNames());
            known.addAll(stack.problems().keySet());
            Optional<String> notOne = SingleService.problem(request.selection, known, stack.serviceNames(),
                    shown(workspace, stack));
            if (notOne.isPresent()) {
                throw new AbortException("morgan-build: " + notOne.get());
            }
            Plan plan = engine.plan(engineRequest);
            for (PlannedService s : plan.services()) {
                Optional<String> leak = EnvironmentSecrets.problem(s.service(), engineRequest.env());
                if (leak.isPresent()) {
                    throw new AbortException("morgan-build: " + leak.get());
                }
            }
            for (PlannedService s : plan.services()) {
                Optional<String> mismatch = NodeCheck.mismatch(s, request.nodeName, request.nodeLabels);
                if (mismatch.isPresent()) {
                    if (!request.labelMismatchWarnOnly) {
                        throw new AbortException("morgan-build: " + mismatch.get()
                                + ". Run it inside node('" + s.nodeLabel() + "') (morgan.buildAll() does), or make this a "
                                + "warning in Manage Jenkins > System > morgan-build");
                    }
                    listener.getLogger().println("[morgan] WARNING: " + mismatch.get());
                }
            }
            StackBuildResult result = engine.build(engineRequest, new LogListener(listener.getLogger()));
            StringBuilder out = new StringBuilder();
            for (BuildRecord r : result.records()) {
                out.append(Json.mapper().writeValueAsString(r)).append('\n');
            }
            return out.toString();
        } catch (MorganException e) {
            // a user error: one clear message, no stack trace
            throw new AbortException("morgan-build: " + e.getMessage());
        } finally {
            // Pipeline's remote log stream is buffered and flushed on a timer: without this, the last lines
            // (docker's tail, the "[morgan] ... success" line) reach the log after the step has ended, in
            // the next step's place, or never when the build ends first.
            listener.getLogger().flush();
        }
    }
}
