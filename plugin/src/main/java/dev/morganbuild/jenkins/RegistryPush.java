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
import hudson.util.ArgumentListBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Pushes a built image's tags through the step's Launcher on the agent: {@code docker login} gets the
 * password on standard input only, never in argv or the log; then {@code docker push} per tag; the
 * pushed digest is read back with {@code docker inspect}.
 */
final class RegistryPush {
    private final MorganBuildStep step;
    private final StepContext ctx;

    RegistryPush(MorganBuildStep step, StepContext ctx) {
        this.step = step;
        this.ctx = ctx;
    }

    String push(BuildRecord record) throws Exception {
        Run<?, ?> run = ctx.get(Run.class);
        Launcher launcher = ctx.get(Launcher.class);
        TaskListener listener = ctx.get(TaskListener.class);
        FilePath workspace = ctx.get(FilePath.class);
        EnvVars env = ctx.get(EnvVars.class);
        String docker = MorganBuildStep.blankTo(MorganGlobalConfiguration.get().getDockerExecutable(), "docker");
        if (!step.getCredentialsId().isEmpty()) {
            StandardUsernamePasswordCredentials c = CredentialsProvider.findCredentialById(step.getCredentialsId(),
                    StandardUsernamePasswordCredentials.class, run);
            if (c == null) {
                throw new AbortException("morgan-build: no username/password credentials with id '"
                        + step.getCredentialsId() + "'");
            }
            ArgumentListBuilder login = new ArgumentListBuilder(docker, "login", "--username", c.getUsername(),
                    "--password-stdin");
            if (!step.getRegistryUrl().isEmpty()) {
                login.add(step.getRegistryUrl());
            }
            byte[] password = c.getPassword().getPlainText().getBytes(StandardCharsets.UTF_8);
            int code = launcher.launch().cmds(login).envs(env).pwd(workspace).stdin(new ByteArrayInputStream(password))
                    .stdout(listener).join();
            if (code != 0) {
                throw new AbortException("morgan-build: docker login to " + step.getRegistryUrl() + " failed (exit " + code + ")");
            }
        }
        for (String tag : record.tags()) {
            int code = launcher.launch().cmds(new ArgumentListBuilder(docker, "push", tag)).envs(env).pwd(workspace)
                    .stdout(listener).join();
            if (code != 0) {
                throw new AbortException("morgan-build: docker push " + tag + " failed (exit " + code + ")");
            }
        }
        ByteArrayOutputStream digest = new ByteArrayOutputStream();
        launcher.launch().cmds(new ArgumentListBuilder(docker, "image", "inspect", "--format",
                "{{index .RepoDigests 0}}", record.tags().get(0))).envs(env).pwd(workspace).stdout(digest).quiet(true).join();
        String d = digest.toString(StandardCharsets.UTF_8).trim();
        return d.isEmpty() ? null : d;
    }
}
