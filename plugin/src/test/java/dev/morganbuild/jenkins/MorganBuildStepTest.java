package dev.morganbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.model.labels.LabelAtom;
import hudson.slaves.DumbSlave;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class MorganBuildStepTest {
    @Test
    void shouldRoundTripEveryParameterThroughTheSnippetGenerator(JenkinsRule j) throws Exception {
        MorganBuildStep step = new MorganBuildStep("tts");
        step.setComposeFile("stack/docker-compose.yml");
        step.setNoCache(true);
        step.setNightly("false");
        step.setCacheMounts("drop");
        step.setTarget("app");
        step.setBuildArgs("A=1\nB=two words");
        step.setTags("registry.example.com/tts:1 tts:latest");
        step.setPush(true);
        step.setRegistryUrl("registry.example.com");
        step.setCredentialsId("registry");
        step.setCacheDir("/var/cache/morgan");
        step.setParallelism(2);
        step.setSmokeTest(true);

        MorganBuildStep back = new StepConfigTester(j).configRoundTrip(step);

        j.assertEqualDataBoundBeans(step, back);
    }

    @Test
    void shouldFailAGpuServiceOnANodeWithoutTheGpuLabelNamingServiceLabelAndNodeLabels(JenkinsRule j) throws Exception {
        DumbSlave cpuAgent = j.createOnlineSlave(new LabelAtom("docker"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "routing");
        Path stack = ExampleStackCopy.write(Files.createTempDirectory("stack"));
        job.setDefinition(new CpsFlowDefinition(
                "node('docker') { sh 'cp -r " + stack + "/. .'; morganBuild(service: 'tts') }", true));

        WorkflowRun run = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogContains("service 'tts' needs a GPU", run);
        j.assertLogContains("must build on a node matching 'gpu'", run);
        j.assertLogContains("node '" + cpuAgent.getNodeName() + "' has labels", run);
    }

    @Test
    void shouldReturnThePlanWithNodeLabels(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "plan");
        Path stack = ExampleStackCopy.write(Files.createTempDirectory("stack"));
        job.setDefinition(new CpsFlowDefinition(
                "node { sh 'cp -r " + stack + "/. .'; def p = morganPlan(); echo \"labels=${p.collect { it.service + ':' + it.nodeLabel }}\" }",
                true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("labels=[core:docker, llm:docker, tts:gpu, stt:gpu]", run);
        assertThat(run.getAction(MorganBuildAction.class)).isNull();
    }
}
