package dev.morganbuild.jenkins;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * morganBuild is not durable: a controller restart while it runs makes the step fail on resume with
 * a message that says so (documented in docs/jenkins.md).
 */
class MorganBuildRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void shouldFailOnResumeSayingTheBuildDoesNotSurviveARestart() throws Throwable {
        assumeTrue(MorganBuildRealDockerTest.dockerAnswers(), "no Docker engine");
        Path stack = Files.createTempDirectory("slow");
        Files.writeString(stack.resolve("Dockerfile"), "FROM morgan/debian:bookworm\nRUN sleep 120\n");
        Files.writeString(stack.resolve("docker-compose.yml"), "services:\n  slow:\n    build: .\n");
        sessions.then(j -> {
            WorkflowJob job = j.createProject(WorkflowJob.class, "restart");
            job.setDefinition(new CpsFlowDefinition("node { sh 'cp -r " + stack + "/. .'\n"
                    + "morganBuild(service: 'slow', noCache: true) }", true));
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[morgan] building slow", run);
        });
        sessions.then(j -> {
            WorkflowRun run = j.jenkins.getItemByFullName("restart", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
            j.assertLogContains("morganBuild does not survive a controller restart", run);
        });
    }
}
