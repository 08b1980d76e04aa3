package dev.morganbuild.jenkins.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import dev.morganbuild.engine.job.SingleService;
import dev.morganbuild.jenkins.Messages;
import dev.morganbuild.jenkins.config.BuildArgs;
import dev.morganbuild.jenkins.config.FormValues;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Descriptor.FormException;
import hudson.model.Item;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code morganBuild(service: 'tts')}: builds one service of the checkout's compose stack with
 * BuildKit on the current node. The work is the engine's; this class only carries the parameters.
 */
public class MorganBuildStep extends ComposeStep {
    private final String service;
    private String cacheMounts = "";
    private String target = "";
    // ArrayList, as in ComposeStep: the class filter refuses to write List.of() or toList() lists to XML
    private List<String> buildArgs = new ArrayList<>();
    private List<String> tags = new ArrayList<>();
    private boolean push;
    private String registryUrl = "";
    private String credentialsId = "";
    private String cacheDir = "";
    private int parallelism = 1;
    private boolean smokeTest;

    @DataBoundConstructor
    public MorganBuildStep(String service) {
        this.service = service;
    }

    public String getService() {
        return service;
    }

    public String getCacheMounts() {
        return cacheMounts;
    }

    /** For no-cache builds: {@code keep} or {@code drop}; empty for x-morgan / global default. */
    @DataBoundSetter
    public void setCacheMounts(String cacheMounts) {
        this.cacheMounts = FormValues.blankTo(cacheMounts, "");
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = FormValues.blankTo(target, "");
    }

    public List<String> getBuildArgs() {
        return buildArgs;
    }

    /**
     * Extra build args as {@code KEY=VALUE} entries. Pipeline scripts may also pass a map
     * ({@code buildArgs: [PYTHON: '3.12']}); {@link DescriptorImpl#customInstantiate} turns it into entries.
     */
    @DataBoundSetter
    public void setBuildArgs(List<String> buildArgs) {
        this.buildArgs = new ArrayList<>(BuildArgs.validate(buildArgs));
    }

    /** Build args as one {@code KEY=VALUE} per line, for the Snippet Generator's text area. */
    public String getBuildArgsText() {
        return String.join("\n", buildArgs);
    }

    public List<String> getTags() {
        return tags;
    }

    /** Extra image tags; a Pipeline script may also pass one string separated by spaces or commas. */
    @DataBoundSetter
    public void setTags(List<String> tags) {
        this.tags = tags == null ? new ArrayList<>()
                : tags.stream().map(String::trim).filter(t -> !t.isEmpty()).collect(Collectors.toCollection(ArrayList::new));
    }

    /** Tags separated by spaces, for the Snippet Generator's text box. */
    public String getTagsText() {
        return String.join(" ", tags);
    }

    public boolean isPush() {
        return push;
    }

    @DataBoundSetter
    public void setPush(boolean push) {
        this.push = push;
    }

    public String getRegistryUrl() {
        return registryUrl;
    }

    @DataBoundSetter
    public void setRegistryUrl(String registryUrl) {
        this.registryUrl = FormValues.blankTo(registryUrl, "");
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = FormValues.blankTo(credentialsId, "");
    }

    public String getCacheDir() {
        return cacheDir;
    }

    /** Cache root for this build, overriding the node property and the global configuration. */
    @DataBoundSetter
    public void setCacheDir(String cacheDir) {
        this.cacheDir = FormValues.blankTo(cacheDir, "");
    }

    public int getParallelism() {
        return parallelism;
    }

    @DataBoundSetter
    public void setParallelism(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
    }

    public boolean isSmokeTest() {
        return smokeTest;
    }

    /** Run the service's x-morgan smoke-test in the built image ({@code --gpus all} for GPU services). */
    @DataBoundSetter
    public void setSmokeTest(boolean smokeTest) {
        this.smokeTest = smokeTest;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new MorganBuildExecution(this, context);
    }

    @Extension
    @Symbol("morganBuild")
    public static final class DescriptorImpl extends StepDescriptor implements CustomDescribableModel {
        @Override
        public String getFunctionName() {
            return "morganBuild";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MorganBuildStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class, Node.class);
        }

        /**
         * Lets Pipeline scripts write {@code buildArgs} as a map and {@code tags} as one string: both are
         * turned into the lists the step holds, so the Snippet Generator and build.xml see one form only.
         */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            Map<String, Object> out = ComposeOptions.instantiate(arguments);
            if (out.get("buildArgs") instanceof Map<?, ?> map) {
                out.put("buildArgs", BuildArgs.fromMap(map));
            } else if (out.get("buildArgs") instanceof CharSequence text) {
                out.put("buildArgs", BuildArgs.fromLines(text.toString()));
            }
            if (out.get("tags") instanceof CharSequence text) {
                out.put("tags", BuildArgs.words(text.toString()));
            }
            return out;
        }

        /** The form sends the text areas as strings; bind them as the lists the step holds. */
        @Override
        public Step newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            JSONObject data = JSONObject.fromObject(formData);
            try {
                data.put("buildArgs", JSONArray.fromObject(BuildArgs.fromLines(data.optString("buildArgs", ""))));
            } catch (IllegalArgumentException e) {
                throw new FormException(e.getMessage(), e, "buildArgs");
            }
            data.put("tags", JSONArray.fromObject(BuildArgs.words(data.optString("tags", ""))));
            ComposeOptions.bindForm(data);
            return super.newInstance(req, data);
        }

        @POST
        public ListBoxModel doFillNightlyItems() {
            Jenkins.get().checkPermission(Jenkins.READ);
            return nightlyItems();
        }

        /** The choices of the {@code nightly} field, for this step and {@code morganPlan}. */
        static ListBoxModel nightlyItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.Nightly_Auto(), "auto");
            items.add(Messages.Nightly_Always(), "true");
            items.add(Messages.Nightly_Never(), "false");
            return items;
        }

        @POST
        public ListBoxModel doFillCacheMountsItems() {
            Jenkins.get().checkPermission(Jenkins.READ);
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.CacheMounts_Default(), "");
            items.add(Messages.CacheMounts_Keep(), "keep");
            items.add(Messages.CacheMounts_Drop(), "drop");
            return items;
        }

        /** Username/password credentials for the registry, listed only to those who may see them. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
            if (!allowed) {
                return result.includeCurrentValue(credentialsId);
            }
            return result.includeEmptyValue()
                    .includeAs(ACL.SYSTEM2, item, StandardUsernamePasswordCredentials.class)
                    .includeCurrentValue(credentialsId);
        }

        @POST
        public FormValidation doCheckService(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.READ);
            return SingleService.formProblem(value).map(why -> FormValidation.error(Messages.MorganBuildStep_OneService(why)))
                    .orElse(FormValidation.ok());
        }
    }
}
