package dev.morganbuild.jenkins.agent;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import dev.morganbuild.engine.job.AgentJob;
import dev.morganbuild.engine.job.RegistryLogin;
import dev.morganbuild.jenkins.Messages;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;

/**
 * A registry credential for the build process: looked up by id for the build (credentials plugin),
 * put into the process's environment under two fixed names, and named in the job file by those names
 * only. The engine logs in with it through a private {@code DOCKER_CONFIG} (a copy of the agent user's
 * config without that registry's stored logins), and masks the password in its output.
 */
public final class RegistryCredentials {
    public static final String USERNAME = "MORGAN_REGISTRY_USERNAME";
    public static final String PASSWORD = "MORGAN_REGISTRY_PASSWORD";

    private RegistryCredentials() {
    }

    /** Adds the credential's user name and password to {@code launchEnv}; returns the job's login. */
    public static AgentJob.LoginFromEnv bind(String credentialsId, String registryUrl, Run<?, ?> run, EnvVars launchEnv)
            throws AbortException {
        StandardUsernamePasswordCredentials c = CredentialsProvider.findCredentialById(credentialsId,
                StandardUsernamePasswordCredentials.class, run);
        if (c == null) {
            throw new AbortException(Messages.Step_NoCredentials(credentialsId));
        }
        String registry = registryUrl == null || registryUrl.isBlank() ? RegistryLogin.DOCKER_HUB : registryUrl.strip();
        if (RegistryLogin.configKey(registry) == null) {
            throw new AbortException(Messages.Step_NotARegistry(registryUrl));
        }
        launchEnv.put(USERNAME, c.getUsername());
        launchEnv.put(PASSWORD, c.getPassword().getPlainText());
        return new AgentJob.LoginFromEnv(RegistryLogin.configKey(registry), USERNAME, PASSWORD);
    }
}
