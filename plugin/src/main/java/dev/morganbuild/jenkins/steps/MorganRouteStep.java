package dev.morganbuild.jenkins.steps;

import dev.morganbuild.jenkins.Messages;
import dev.morganbuild.jenkins.config.FormValues;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code morganRoute(service: 'core', label: 'docker && !gpu')}: where a service should build so that it
 * finds its layer cache: the agent of its last successful build in this job when that agent is online,
 * still matches the label and has a free executor (waiting up to {@code wait} seconds for one), else the
 * label. Returns a map: {@code label} (for {@code node()}), {@code agent}, {@code decision}, {@code reason}.
 * It needs no node; the engine's {@code AgentPool} decides, this step gathers Jenkins' state for it.
 */
public class MorganRouteStep extends Step {
    /** How long a service waits by default for the busy agent that holds its cache. */
    public static final int DEFAULT_WAIT_SECONDS = 5;

    private final String service;
    private final String label;
    private int wait = DEFAULT_WAIT_SECONDS;

    @DataBoundConstructor
    public MorganRouteStep(String service, String label) {
        this.service = FormValues.blankTo(service, "");
        this.label = FormValues.blankTo(label, "");
    }

    public String getService() {
        return service;
    }

    public String getLabel() {
        return label;
    }

    public int getWait() {
        return wait;
    }

    /** Seconds to wait for the agent that holds the cache when all its executors are busy; 0 does not wait. */
    @DataBoundSetter
    public void setWait(int wait) {
        if (wait < 0) {
            throw new IllegalArgumentException(Messages.MorganRouteStep_NegativeWait(wait));
        }
        this.wait = wait;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        if (service.isEmpty() || label.isEmpty()) {
            throw new IllegalArgumentException(Messages.MorganRouteStep_NeedsServiceAndLabel());
        }
        return new MorganRouteExecution(context, service, label, wait);
    }

    @Extension
    @Symbol("morganRoute")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "morganRoute";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MorganRouteStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @POST
        public FormValidation doCheckWait(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.READ);
            try {
                return Integer.parseInt(value.strip()) >= 0 ? FormValidation.ok()
                        : FormValidation.error(Messages.MorganRouteStep_WaitSeconds());
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.MorganRouteStep_WaitSeconds());
            }
        }
    }
}
