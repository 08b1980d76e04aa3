package dev.morganbuild.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.verb.POST;
import hudson.util.ListBoxModel;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code morganBuild(service: 'tts')}: builds one service of the checkout's compose stack with
 * BuildKit on the current node. The work is the engine's; this class only carries the parameters.
 */
public class MorganBuildStep extends Step {
    private final String service;
    private String composeFile = "docker-compose.yml";
    private boolean noCache;
    private String nightly = "auto";
    private String cacheMounts = "";
    private String target = "";
    private String buildArgs = "";
    private String tags = "";
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

    public String getComposeFile() {
        return composeFile;
    }

    @DataBoundSetter
    public void setComposeFile(String composeFile) {
        this.composeFile = blankTo(composeFile, "docker-compose.yml");
    }

    public boolean isNoCache() {
        return noCache;
    }

    @DataBoundSetter
    public void setNoCache(boolean noCache) {
        this.noCache = noCache;
    }

    public String getNightly() {
        return nightly;
    }

    /** {@code auto} (timer-started builds are nightly), {@code true} or {@code false}. */
    @DataBoundSetter
    public void setNightly(String nightly) {
        this.nightly = blankTo(nightly, "auto");
    }

    public String getCacheMounts() {
        return cacheMounts;
    }

    /** For no-cache builds: {@code keep} or {@code drop}; empty for x-morgan / global default. */
    @DataBoundSetter
    public void setCacheMounts(String cacheMounts) {
        this.cacheMounts = blankTo(cacheMounts, "");
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = blankTo(target, "");
    }

    public String getBuildArgs() {
        return buildArgs;
    }

    /** One {@code KEY=VALUE} per line. */
    @DataBoundSetter
    public void setBuildArgs(String buildArgs) {
        this.buildArgs = blankTo(buildArgs, "");
    }

    public String getTags() {
        return tags;
    }

    /** Extra tags, separated by spaces, commas or new lines. */
    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = blankTo(tags, "");
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
        this.registryUrl = blankTo(registryUrl, "");
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = blankTo(credentialsId, "");
    }

    public String getCacheDir() {
        return cacheDir;
    }

    /** Cache root for this build, overriding the node property and the global configuration. */
    @DataBoundSetter
    public void setCacheDir(String cacheDir) {
        this.cacheDir = blankTo(cacheDir, "");
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

    static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    @Extension
    @Symbol("morganBuild")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "morganBuild";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Build a compose service with BuildKit (morgan-build)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class,
                    Computer.class, Node.class);
        }

        public ListBoxModel doFillNightlyItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("auto: timer-started builds are nightly", "auto");
            items.add("always nightly (no layer cache)", "true");
            items.add("never nightly", "false");
            return items;
        }

        public ListBoxModel doFillCacheMountsItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("default (x-morgan, then global configuration)", "");
            items.add("keep cache mounts", "keep");
            items.add("drop cache mounts too", "drop");
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
            return value == null || value.isBlank() ? FormValidation.error("name the compose service to build")
                    : FormValidation.ok();
        }
    }
}
