package dev.morganbuild.jenkins.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.plan.NightlyDecision;
import dev.morganbuild.jenkins.Messages;
import dev.morganbuild.jenkins.agent.PipelineEnvironment;
import dev.morganbuild.jenkins.config.FormValues;
import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Descriptor.FormException;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code morganPlan()}: on a node with the checkout, returns the services to build with their node
 * labels, in build order: a list of maps (service, nodeLabel, gpu, gpuReason, wave, after, needs).
 */
public class MorganPlanStep extends ComposeStep {
    private String only = "all";

    @DataBoundConstructor
    public MorganPlanStep() {
    }

    public String getOnly() {
        return only;
    }

    /** {@code all}, {@code cpu}, {@code cuda}, or comma-separated service names. */
    @DataBoundSetter
    public void setOnly(String only) {
        this.only = FormValues.blankTo(only, "all");
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<List<Map<String, Object>>> {
        private static final long serialVersionUID = 1L;
        private final String composeFile;
        private final String only;
        private final ArrayList<String> composeFiles;
        private final ArrayList<String> profiles;
        private final ArrayList<String> envFiles;
        private final boolean noCache;
        private final String nightly;

        Execution(StepContext context, MorganPlanStep step) {
            super(context);
            this.composeFile = step.getComposeFile();
            this.only = step.getOnly();
            this.composeFiles = new ArrayList<>(step.getComposeFiles());
            this.profiles = new ArrayList<>(step.getProfiles());
            this.envFiles = new ArrayList<>(step.getEnvFile());
            this.noCache = step.isNoCache();
            this.nightly = step.getNightly();
        }

        @Override
        protected List<Map<String, Object>> run() throws Exception {
            StepContext ctx = getContext();
            MorganGlobalConfiguration config = MorganGlobalConfiguration.get();
            Node node = ctx.get(Node.class);
            AgentRequest r = AgentRequest.base(config, node, PipelineEnvironment.of(ctx.get(EnvVars.class), node, config),
                    ctx.get(Run.class));
            r.composeFile = composeFile;
            r.composeFiles.addAll(composeFiles);
            r.profiles.addAll(profiles);
            r.envFiles.addAll(envFiles);
            r.selection = only;
            Run<?, ?> run = ctx.get(Run.class);
            r.noCache = noCache;
            // the same decision as the build step's, so that the plan says what the builds will do
            r.nightly = NightlyDecision.isNightly(NightlyDecision.Mode.parse(nightly),
                    MorganBuildExecution.jobParameter(run, "MORGAN_NIGHTLY"), NightlyCause.isTimer(run));
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
            plan.path("text").asText().lines().forEach(line -> log.println(Messages.Log_Line(line)));
            return out;
        }
    }

    @Extension
    @Symbol("morganPlan")
    public static final class DescriptorImpl extends StepDescriptor implements CustomDescribableModel {
        @Override
        public String getFunctionName() {
            return "morganPlan";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MorganPlanStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class, Node.class);
        }

        /** {@code composeFiles}, {@code profiles} and {@code envFile} may be written as one comma-separated string. */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            return ComposeOptions.instantiate(arguments);
        }

        @POST
        public ListBoxModel doFillNightlyItems() {
            Jenkins.get().checkPermission(Jenkins.READ);
            return MorganBuildStep.DescriptorImpl.nightlyItems();
        }

        /** The form sends the list fields as text boxes; bind them as the lists the step holds. */
        @Override
        public Step newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            JSONObject data = JSONObject.fromObject(formData);
            ComposeOptions.bindForm(data);
            return super.newInstance(req, data);
        }
    }
}
