package dev.morganbuild.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.morganbuild.jenkins.model.MorganBuildAction;
import hudson.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * morganBuild is durable: its docker build runs in a process of its own on the agent, so a controller
 * restart in the middle of it lets it go on, and the resumed step collects its record. An abort stops
 * that process and its docker build before the step reports it. Real docker builds (a RUN that sleeps).
 */
class MorganBuildRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path tmp;

    private Path stack(String run) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("stack"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM morgan/debian:bookworm\nRUN echo "
                + UUID.randomUUID() + " && " + run + "\n");
        Files.writeString(dir.resolve("docker-compose.yml"), "services:\n  app:\n    build: .\n    image: morgan-restart/app:latest\n");
        return dir;
    }

    @Test
    void shouldFinishTheBuildAfterAControllerRestartWithItsRecord() throws Throwable {
        assumeTrue(MorganBuildRealDockerTest.dockerAnswers(), "no Docker engine");
        Path stack = stack("sleep 15");
        sessions.then(j -> {
            j.jenkins.setLabelString("docker");
            WorkflowJob job = j.createProject(WorkflowJob.class, "restart");
            job.setDefinition(new CpsFlowDefinition("node { sh 'cp -r " + stack + "/. .'\n"
                    + "def r = morganBuild(service: 'app')\n echo \"status=${r.status}\" }", true));
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[morgan] building app", run);
        });
        sessions.then(j -> {
            WorkflowRun run = j.jenkins.getItemByFullName("restart", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(run));
            j.assertLogContains("following the build of 'app'", run);
            j.assertLogContains("status=SUCCESS", run);
            assertThat(run.getAction(MorganBuildAction.class).getServices()).singleElement()
                    .satisfies(s -> assertThat(s.getService()).isEqualTo("app"));
        });
    }

    @Test
    void shouldStopTheDockerBuildBeforeReportingAnAbort() throws Throwable {
        assumeTrue(MorganBuildRealDockerTest.dockerAnswers(), "no Docker engine");
        Path stack = stack("sleep 300");
        sessions.then(j -> {
            j.jenkins.setLabelString("docker");
            WorkflowJob job = j.createProject(WorkflowJob.class, "abort");
            job.setDefinition(new CpsFlowDefinition("node { sh 'cp -r " + stack + "/. .'\n"
                    + "morganBuild(service: 'app') }", true));
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("sleep 300", run);
            List<ProcessHandle> tree = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains("AgentJobMain"))
                    .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                    .toList();
            assertThat(tree).as("the build process and its docker build").hasSizeGreaterThanOrEqualTo(2);

            run.doStop();

            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
            assertThat(tree).noneMatch(ProcessHandle::isAlive);
            j.assertLogContains("[morgan] aborted: stopped the build of 'app'", run);
        });
    }
}
