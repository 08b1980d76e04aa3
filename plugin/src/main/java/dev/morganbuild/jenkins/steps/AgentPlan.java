package dev.morganbuild.jenkins.steps;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.plan.PlanFormatter;
import dev.morganbuild.jenkins.Messages;
import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/** Runs on the agent with the checkout: parses the compose file and returns the plan as JSON. */
final class AgentPlan extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final AgentRequest request;

    AgentPlan(AgentRequest request) {
        this.request = request;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException {
        try {
            var plan = BuildService.local().plan(request.toEngine(workspace.getAbsolutePath()));
            // the engine's own wording for the build log (the CLI's `morgan plan` prints the same)
            return Json.mapper().writeValueAsString(PlanFormatter.json(plan).put("text", PlanFormatter.text(plan)));
        } catch (MorganException e) {
            throw new AbortException(Messages.Step_Error(e.getMessage()));
        }
    }
}
