package dev.morganbuild.jenkins.config;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.plan.LabelExpression;
import dev.morganbuild.engine.plan.PlanOptions;
import dev.morganbuild.jenkins.FormerNames;
import dev.morganbuild.jenkins.Messages;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Descriptor.FormException;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * morgan-build's global settings (Manage Jenkins > System), each a {@link DataBoundSetter} so
 * configuration-as-code can set them under {@code unclassified: morganBuild:}.
 */
@Extension
@Symbol("morganBuild")
public class MorganGlobalConfiguration extends GlobalConfiguration {
    private String dockerExecutable = "";
    private String backend = "auto";
    private String builderName = "morgan";
    private String gpuLabel = "gpu";
    private String cpuLabel = PlanOptions.CPU_LABEL;
    private String cacheRoot = "";
    private String cacheBudget = "";
    private String nightlyCacheMounts = "keep";
    private double regressionThreshold;
    private int trendBuilds = 50;
    private boolean labelMismatchWarnOnly;
    /** An ArrayList: XStream refuses the JDK's immutable lists (JEP-200), and the configuration would not save. */
    private ArrayList<String> allowedAgentVariables = new ArrayList<>();

    public MorganGlobalConfiguration() {
        try {
            FormerNames.migrateConfigurationFile(Jenkins.get().getRootDir().toPath(), MorganGlobalConfiguration.class);
        } catch (java.io.IOException e) {
            java.util.logging.Logger.getLogger(MorganGlobalConfiguration.class.getName()).log(java.util.logging.Level.WARNING,
                    "could not rename the former configuration file; the defaults apply", e);
        }
        load();
    }

    public static MorganGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(MorganGlobalConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.MorganGlobalConfiguration_DisplayName();
    }

    public String getDockerExecutable() {
        return dockerExecutable;
    }

    /** Docker client on the agents; empty to find one (docker, /usr/bin/docker). */
    @DataBoundSetter
    public void setDockerExecutable(String value) {
        dockerExecutable = FormValues.blankTo(value, "");
        save();
    }

    public String getBackend() {
        return backend;
    }

    /** {@code auto}, {@code buildx} or {@code builtin}. */
    @DataBoundSetter
    public void setBackend(String value) {
        backend = FormValues.blankTo(value, "auto");
        save();
    }

    public String getBuilderName() {
        return builderName;
    }

    @DataBoundSetter
    public void setBuilderName(String value) {
        builderName = FormValues.blankTo(value, "morgan");
        save();
    }

    public String getGpuLabel() {
        return gpuLabel;
    }

    @DataBoundSetter
    public void setGpuLabel(String value) {
        gpuLabel = FormValues.blankTo(value, "gpu");
        save();
    }

    public String getCpuLabel() {
        return cpuLabel;
    }

    @DataBoundSetter
    public void setCpuLabel(String value) {
        cpuLabel = FormValues.blankTo(value, PlanOptions.CPU_LABEL);
        save();
    }

    public String getCacheRoot() {
        return cacheRoot;
    }

    /** Cache root on every agent unless its node property says otherwise; empty for ~/.cache/morgan-build. */
    @DataBoundSetter
    public void setCacheRoot(String value) {
        cacheRoot = FormValues.blankTo(value, "");
        save();
    }

    public String getCacheBudget() {
        return cacheBudget;
    }

    /** Byte budget per agent cache root, e.g. {@code 20GiB}; empty for x-morgan's or none. */
    @DataBoundSetter
    public void setCacheBudget(String value) {
        cacheBudget = FormValues.blankTo(value, "");
        save();
    }

    public String getNightlyCacheMounts() {
        return nightlyCacheMounts;
    }

    @DataBoundSetter
    public void setNightlyCacheMounts(String value) {
        nightlyCacheMounts = FormValues.blankTo(value, "keep");
        save();
    }

    public double getRegressionThreshold() {
        return regressionThreshold;
    }

    /** Quality gate: mark UNSTABLE when a service is this much slower (0.25 = 25 %); 0 turns it off. */
    @DataBoundSetter
    public void setRegressionThreshold(double value) {
        regressionThreshold = Math.max(0, value);
        save();
    }

    public int getTrendBuilds() {
        return trendBuilds;
    }

    /** Builds the job trend charts read (summaries only). */
    @DataBoundSetter
    public void setTrendBuilds(int value) {
        trendBuilds = Math.max(2, value);
        save();
    }

    public boolean isLabelMismatchWarnOnly() {
        return labelMismatchWarnOnly;
    }

    /** Only warn (instead of failing) when a service builds on a node without its label. */
    @DataBoundSetter
    public void setLabelMismatchWarnOnly(boolean value) {
        labelMismatchWarnOnly = value;
        save();
    }

    public List<String> getAllowedAgentVariables() {
        return allowedAgentVariables == null ? List.of() : List.copyOf(allowedAgentVariables);
    }

    /**
     * Agent process variables compose files may read (interpolation, {@code environment:} secrets), by name
     * or as a prefix ending in {@code *}; none by default: compose sees only what the Pipeline set.
     */
    @DataBoundSetter
    public void setAllowedAgentVariables(List<String> names) {
        allowedAgentVariables = names == null ? new ArrayList<>() : names.stream().filter(n -> n != null)
                .flatMap(n -> BuildArgs.words(n).stream()).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        save();
    }

    /** The form sends the allowlist as one text box: bind it as the list the field holds. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        JSONObject data = JSONObject.fromObject(json);
        if (data.has("allowedAgentVariables") && !(data.get("allowedAgentVariables") instanceof JSONArray)) {
            data.put("allowedAgentVariables", JSONArray.fromObject(BuildArgs.words(data.optString("allowedAgentVariables", ""))));
        }
        return super.configure(req, data);
    }

    /** The allowlist as the form's text box shows it. */
    public String getAllowedAgentVariablesText() {
        return String.join(" ", getAllowedAgentVariables());
    }

    @POST
    public ListBoxModel doFillBackendItems() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.Backend_Auto(), "auto");
        items.add(Messages.Backend_Buildx(), "buildx");
        items.add(Messages.Backend_Builtin(), "builtin");
        return items;
    }

    @POST
    public ListBoxModel doFillNightlyCacheMountsItems() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.NightlyCacheMounts_Keep(), "keep");
        items.add(Messages.NightlyCacheMounts_Drop(), "drop");
        return items;
    }

    @POST
    public FormValidation doCheckCacheBudget(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            return FormValidation.ok(ByteSize.format(ByteSize.parse(value)));
        } catch (MorganException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckGpuLabel(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkLabel(value);
    }

    @POST
    public FormValidation doCheckCpuLabel(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkLabel(value);
    }

    private static FormValidation checkLabel(String value) {
        try {
            LabelExpression.parse(value);
            return FormValidation.ok();
        } catch (MorganException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
