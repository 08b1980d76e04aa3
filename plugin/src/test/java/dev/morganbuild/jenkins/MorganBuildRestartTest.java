package dev.morganbuild.jenkins;

import hudson.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * morganBuild is not durable: when the controller stops while a build runs, the step fails on resume
 * with a message that says so (documented in docs/jenkins.md). A fake docker client whose build hangs
 * keeps the step running across the restart, so no Docker engine is needed.
 */
class MorganBuildRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path tmp;

    @Test
    void shouldFailOnResumeSayingTheBuildDoesNotSurviveARestart() throws Throwable {
        Path stack = ExampleStackCopy.write(Files.createDirectories(tmp.resolve("stack")));
        Path docker = FakeDocker.hanging(Files.createDirectories(tmp.resolve("bin")));
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        sessions.then(j -> {
            j.jenkins.setLabelString("docker"); // core builds on nodes labelled docker
            MorganGlobalConfiguration config = MorganGlobalConfiguration.get();
            config.setDockerExecutable(docker.toString());
            config.setCacheRoot(cache.toString());
            WorkflowJob job = j.createProject(WorkflowJob.class, "restart");
            job.setDefinition(new CpsFlowDefinition("node { sh 'cp -r " + stack + "/. .'\n"
                    + "morganBuild(service: 'core') }", true));
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[morgan] building core", run);
        });
        sessions.then(j -> {
            WorkflowRun run = j.jenkins.getItemByFullName("restart", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
            j.assertLogContains("morganBuild does not survive a controller restart: the build of service 'core'", run);
            j.assertLogContains("run the build again", run);
        });
    }
}
