package dev.morganbuild.jenkins.steps;

import dev.morganbuild.jenkins.config.FormValues;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What {@code morganBuild} and {@code morganPlan} read the compose project with (files, profiles, env
 * files) and how its builds use the layer cache (no-cache, nightly), so that a plan says what the
 * builds will do. Each step keeps its own {@code config.jelly} and help files.
 */
public abstract class ComposeStep extends Step {
    private String composeFile = "docker-compose.yml";
    // ArrayList, never List.of() or toList(): the class filter refuses to write those JDK lists to XML
    // (the Snippet Generator, and a flow node's arguments)
    private List<String> composeFiles = new ArrayList<>();
    private List<String> profiles = new ArrayList<>();
    private List<String> envFile = new ArrayList<>();
    private boolean noCache;
    private String nightly = "auto";

    public String getComposeFile() {
        return composeFile;
    }

    @DataBoundSetter
    public void setComposeFile(String composeFile) {
        this.composeFile = FormValues.blankTo(composeFile, "docker-compose.yml");
    }

    public List<String> getComposeFiles() {
        return composeFiles == null ? new ArrayList<>() : composeFiles;
    }

    /**
     * Compose files merged in this order, as {@code docker compose -f a -f b} merges them; when given, they
     * replace {@link #getComposeFile()}. A Pipeline script may write one comma-separated string.
     */
    @DataBoundSetter
    public void setComposeFiles(List<String> composeFiles) {
        this.composeFiles = new ArrayList<>(ComposeOptions.clean(composeFiles));
    }

    public String getComposeFilesText() {
        return ComposeOptions.text(getComposeFiles());
    }

    public List<String> getProfiles() {
        return profiles == null ? new ArrayList<>() : profiles;
    }

    /** Active compose profiles ({@code --profile}; {@code *} for all); empty: COMPOSE_PROFILES of the .env. */
    @DataBoundSetter
    public void setProfiles(List<String> profiles) {
        this.profiles = new ArrayList<>(ComposeOptions.clean(profiles));
    }

    public String getProfilesText() {
        return ComposeOptions.text(getProfiles());
    }

    public List<String> getEnvFile() {
        return envFile == null ? new ArrayList<>() : envFile;
    }

    /** Env files ({@code --env-file}), relative to the workspace; empty: the project directory's {@code .env}. */
    @DataBoundSetter
    public void setEnvFile(List<String> envFile) {
        this.envFile = new ArrayList<>(ComposeOptions.clean(envFile));
    }

    public String getEnvFileText() {
        return ComposeOptions.text(getEnvFile());
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
        this.nightly = FormValues.blankTo(nightly, "auto");
    }
}
