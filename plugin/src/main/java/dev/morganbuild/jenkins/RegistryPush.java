package dev.morganbuild.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import dev.morganbuild.engine.record.BuildRecord;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import hudson.util.ArgumentListBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Pushes a built image's tags through the step's Launcher on the agent. With credentials, {@code docker
 * login} runs against a DOCKER_CONFIG made for this push in the workspace's temporary directory (so the
 * login never lands in the agent user's own docker config) and gets the password on standard input only,
 * never in argv or the log; the directory is deleted afterwards. Then {@code docker push} per tag, and the
 * pushed digest is read back with {@code docker image inspect}.
 */
final class RegistryPush {
    private final String credentialsId;
    private final String registryUrl;
    private final StepContext ctx;

    RegistryPush(String credentialsId, String registryUrl, StepContext ctx) {
        this.credentialsId = credentialsId == null ? "" : credentialsId;
        this.registryUrl = registryUrl == null ? "" : registryUrl;
        this.ctx = ctx;
    }

    /** @return the digest ({@code repo@sha256:...}) of the first tag, or null when docker reports none */
    String push(BuildRecord record) throws Exception {
        if (record.tags().isEmpty()) {
            throw new AbortException("morgan-build: push asked for " + record.service()
                    + ", but the image has no tag; give the service an image: name or pass tags");
        }
        Run<?, ?> run = ctx.get(Run.class);
        Launcher launcher = ctx.get(Launcher.class);
        TaskListener listener = ctx.get(TaskListener.class);
        FilePath workspace = ctx.get(FilePath.class);
        EnvVars env = new EnvVars(ctx.get(EnvVars.class));
        String docker = MorganBuildStep.blankTo(MorganGlobalConfiguration.get().getDockerExecutable(), "docker");
        FilePath config = null;
        try {
            if (!credentialsId.isEmpty()) {
                FilePath tmp = WorkspaceList.tempDir(workspace);
                if (tmp == null) {
                    throw new AbortException("morgan-build: workspace " + workspace.getRemote() + " has no parent folder "
                            + "for the temporary docker login; run the step in a workspace below the agent's root");
                }
                // the workspace's @tmp folder exists only once a step has used it (createTempDir does not make it)
                tmp.mkdirs();
                config = tmp.createTempDir("morgan-docker", "");
                env.put("DOCKER_CONFIG", config.getRemote());
                login(launcher, listener, workspace, env, docker, credentials(run));
            }
            for (String tag : record.tags()) {
                int code = launcher.launch().cmds(new ArgumentListBuilder(docker, "push", tag)).envs(env)
                        .pwd(workspace).stdout(listener).join();
                if (code != 0) {
                    throw new AbortException("morgan-build: docker push " + tag + " failed (exit " + code + ")");
                }
            }
            ByteArrayOutputStream digest = new ByteArrayOutputStream();
            launcher.launch().cmds(new ArgumentListBuilder(docker, "image", "inspect", "--format",
                            "{{index .RepoDigests 0}}", record.tags().get(0))).envs(env).pwd(workspace)
                    .stdout(digest).quiet(true).join();
            String d = digest.toString(StandardCharsets.UTF_8).trim();
            return d.isEmpty() ? null : d;
        } finally {
            if (config != null) {
                config.deleteRecursive();
            }
        }
    }

    private StandardUsernamePasswordCredentials credentials(Run<?, ?> run) throws AbortException {
        StandardUsernamePasswordCredentials c = CredentialsProvider.findCredentialById(credentialsId,
                StandardUsernamePasswordCredentials.class, run);
        if (c == null) {
            throw new AbortException("morgan-build: no username/password credentials with id '"
                    + credentialsId + "' are visible to this job");
        }
        return c;
    }

    private void login(Launcher launcher, TaskListener listener, FilePath workspace, EnvVars env, String docker,
                       StandardUsernamePasswordCredentials c) throws Exception {
        ArgumentListBuilder login = new ArgumentListBuilder(docker, "login", "--username");
        // the username is masked in the echoed command when the credential marks it secret
        login.add(c.getUsername(), c.isUsernameSecret());
        login.add("--password-stdin");
        if (!registryUrl.isEmpty()) {
            login.add(registryUrl);
        }
        byte[] password = c.getPassword().getPlainText().getBytes(StandardCharsets.UTF_8);
        int code = launcher.launch().cmds(login).envs(env).pwd(workspace)
                .stdin(new ByteArrayInputStream(password)).stdout(listener).join();
        if (code != 0) {
            throw new AbortException("morgan-build: docker login to "
                    + (registryUrl.isEmpty() ? "Docker Hub" : registryUrl) + " failed (exit " + code + ")");
        }
    }
}
