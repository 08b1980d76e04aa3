package dev.morganbuild.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.json.Json;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code morganPlan()}: on a node with the checkout, returns the services to build with their node
 * labels, in build order: a list of maps (service, nodeLabel, gpu, gpuReason, wave, after, needs).
 */
public class MorganPlanStep extends Step {
    private String composeFile = "docker-compose.yml";
    private String only = "all";

    @DataBoundConstructor
    public MorganPlanStep() {
    }

    public String getComposeFile() {
        return composeFile;
    }

    @DataBoundSetter
    public void setComposeFile(String composeFile) {
        this.composeFile = MorganBuildStep.blankTo(composeFile, "docker-compose.yml");
    }

    public String getOnly() {
        return only;
    }

    /** {@code all}, {@code cpu}, {@code cuda}, or comma-separated service names. */
    @DataBoundSetter
    public void setOnly(String only) {
        this.only = MorganBuildStep.blankTo(only, "all");
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, composeFile, only);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<List<Map<String, Object>>> {
        private static final long serialVersionUID = 1L;
        private final String composeFile;
        private final String only;

        Execution(StepContext context, String composeFile, String only) {
            super(context);
            this.composeFile = composeFile;
            this.only = only;
        }

        @Override
        protected List<Map<String, Object>> run() throws Exception {
            StepContext ctx = getContext();
            AgentRequest r = AgentRequest.base(MorganGlobalConfiguration.get(), ctx.get(Node.class), ctx.get(EnvVars.class),
                    ctx.get(Run.class));
            r.composeFile = composeFile;
            r.selection = only;
            JsonNode plan = Json.mapper().readTree(ctx.get(FilePath.class).act(new AgentPlan(r)));
            List<Map<String, Object>> out = new ArrayList<>();
            for (JsonNode s : plan.get("services")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("service", s.get("service").asText());
                m.put("nodeLabel", s.get("nodeLabel").asText());
                m.put("gpu", s.get("gpu").asBoolean());
                m.put("gpuReason", s.get("gpuReason").asText());
                m.put("wave", s.get("wave").asInt());
                List<String> after = new ArrayList<>();
                s.get("after").forEach(a -> after.add(a.asText()));
                m.put("after", after);
                List<String> needs = new ArrayList<>();
                s.path("needs").forEach(a -> needs.add(a.asText()));
                m.put("needs", needs);
                out.add(m);
            }
            java.io.PrintStream log = ctx.get(TaskListener.class).getLogger();
            plan.path("text").asText().lines().forEach(line -> log.println("[morgan] " + line));
            return out;
        }
    }

    @Extension
    @Symbol("morganPlan")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "morganPlan";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Plan a compose stack's builds: services and node labels (morgan-build)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class, Node.class);
        }
    }
}
