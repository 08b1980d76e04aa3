package dev.morganbuild.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import dev.morganbuild.jenkins.model.MorganBuildAction;
import hudson.model.CauseAction;
import hudson.model.Result;
import hudson.model.labels.LabelAtom;
import hudson.slaves.DumbSlave;
import hudson.triggers.TimerTrigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The step in real pipelines on the built-in node and an agent; docker itself is faked or not reached. */
@WithJenkins
class MorganBuildStepTest {
    @TempDir
    Path tmp;

    @Test
    void shouldRoundTripEveryParameterThroughTheSnippetGenerator(JenkinsRule j) throws Exception {
        MorganBuildStep step = new MorganBuildStep("tts");
        step.setComposeFile("stack/docker-compose.yml");
        step.setNoCache(true);
        step.setNightly("false");
        step.setCacheMounts("drop");
        step.setTarget("app");
        step.setBuildArgs(List.of("A=1", "B=two words"));
        step.setTags(List.of("registry.example.com/tts:1", "tts:latest"));
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
    void shouldAcceptBuildArgsAsAMapAndTagsAsOneStringFromPipelineScripts(JenkinsRule j) {
        MorganBuildStep step = DescribableModel.of(MorganBuildStep.class).instantiate(Map.of("service", "tts",
                "buildArgs", Map.of("PYTHON", "3.12"), "tags", "tts:1, tts:latest"));

        assertThat(step.getBuildArgs()).containsExactly("PYTHON=3.12");
        assertThat(step.getTags()).containsExactly("tts:1", "tts:latest");
    }

    @Test
    void shouldFailAGpuServiceOnANodeWithoutTheGpuLabelNamingServiceLabelAndNodeLabels(JenkinsRule j) throws Exception {
        DumbSlave cpuAgent = j.createOnlineSlave(new LabelAtom("docker"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "routing");
        Path stack = ExampleStackCopy.write(Files.createDirectories(tmp.resolve("stack")));
        job.setDefinition(new CpsFlowDefinition(
                "node('docker') { sh 'cp -r " + stack + "/. .'; morganBuild(service: 'tts') }", true));

        WorkflowRun run = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogContains("service 'tts' needs a GPU", run);
        j.assertLogContains("must build on a node matching 'gpu'", run);
        j.assertLogContains("node '" + cpuAgent.getNodeName() + "' has labels", run);
    }

    @Test
    void shouldRecordAFailedBuildAndFailTheStepNamingTheService(JenkinsRule j) throws Exception {
        useFailingDockerOnTheBuiltInNode(j);
        WorkflowJob job = j.createProject(WorkflowJob.class, "failing");
        Path stack = ExampleStackCopy.write(Files.createDirectories(tmp.resolve("stack")));
        job.setDefinition(new CpsFlowDefinition(
                "node { sh 'cp -r " + stack + "/. .'; morganBuild(service: 'core') }", true));

        WorkflowRun run = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogContains("morgan-build: core failed", run);
        MorganBuildAction action = run.getAction(MorganBuildAction.class);
        assertThat(action.getServices()).singleElement().satisfies(s -> {
            assertThat(s.getService()).isEqualTo("core");
            assertThat(s.getStatus()).isEqualTo("FAILED");
            assertThat(s.getNode()).isEqualTo("built-in");
        });
        assertThat(action.getRecord("core")).hasValueSatisfying(r -> assertThat(r.exitCode()).isEqualTo(7));
    }

    @Test
    void shouldBuildWithoutTheLayerCacheWhenATimerStartedTheBuild(JenkinsRule j) throws Exception {
        WorkflowJob job = coreJob(j, "nightly");

        WorkflowRun run = j.assertBuildStatus(Result.FAILURE,
                job.scheduleBuild2(0, new CauseAction(new TimerTrigger.TimerTriggerCause())));

        j.assertLogContains("[morgan] nightly build (started by timer): no layer cache", run);
        assertThat(run.getAction(MorganBuildAction.class).getRecord("core"))
                .hasValueSatisfying(r -> assertThat(r.nightly()).isTrue());
    }

    @Test
    void shouldBuildWithoutTheLayerCacheWhenTheParameterizedSchedulerStartedTheBuild(JenkinsRule j) throws Exception {
        WorkflowJob job = coreJob(j, "parameterized-nightly");

        WorkflowRun run = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0, new CauseAction(
                new org.jenkinsci.plugins.parameterizedscheduler.ParameterizedTimerTriggerCause())));

        j.assertLogContains("[morgan] nightly build (started by timer): no layer cache", run);
        assertThat(run.getAction(MorganBuildAction.class).getRecord("core"))
                .hasValueSatisfying(r -> assertThat(r.nightly()).isTrue());
    }

    @Test
    void shouldNotBuildNightlyWhenAUserStartedTheBuild(JenkinsRule j) throws Exception {
        WorkflowJob job = coreJob(j, "by-hand");

        WorkflowRun run = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        j.assertLogNotContains("nightly build", run);
        assertThat(run.getAction(MorganBuildAction.class).getRecord("core"))
                .hasValueSatisfying(r -> assertThat(r.nightly()).isFalse());
    }

    @Test
    void shouldReturnThePlanWithNodeLabels(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "plan");
        Path stack = ExampleStackCopy.write(Files.createDirectories(tmp.resolve("stack")));
        job.setDefinition(new CpsFlowDefinition(
                "node { sh 'cp -r " + stack + "/. .'; def p = morganPlan(); echo \"labels=${p.collect { it.service + ':' + it.nodeLabel }}\" }",
                true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("labels=[core:docker && !gpu, llm:docker && !gpu, tts:gpu, stt:gpu]", run);
        assertThat(run.getAction(MorganBuildAction.class)).isNull();
    }

    @Test
    void shouldLoadTheMorganVariableFromThePluginThroughThePipelineSourceAllowlist(JenkinsRule j) throws Exception {
        // without MorganDSL.MorganSourceAllowlist, workflow-cps refuses Morgan.groovy: ClassNotFoundException
        WorkflowJob job = j.createProject(WorkflowJob.class, "variable");
        job.setDefinition(new CpsFlowDefinition("echo \"morgan=${morgan}\"", true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("morgan=dev.morganbuild.jenkins.steps.Morgan@", run);
    }

    @Test
    void shouldRunTheGivenCheckoutOnEveryNodeWhenThePipelineIsNotFromScm(JenkinsRule j) throws Exception {
        useFailingDockerOnTheBuiltInNode(j);
        Path stack = ExampleStackCopy.write(Files.createDirectories(tmp.resolve("stack")));
        WorkflowJob job = j.createProject(WorkflowJob.class, "inline");
        job.setDefinition(new CpsFlowDefinition("morgan.build(['core'], [checkout: { echo 'custom checkout'; sh 'cp -r "
                + stack + "/. .' }])", true));

        WorkflowRun run = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        // the plan and core's build share the built-in node's workspace, which one run checks out once; the
        // build read the compose file from it, and no `checkout scm` was tried (there is no scm here)
        assertThat(JenkinsRule.getLog(run).split("custom checkout", -1)).hasSize(2);
        j.assertLogNotContains("No such property: scm", run);
        j.assertLogContains("morgan-build: core failed", run);
    }

    @Test
    void shouldSayWhatTheMorganVariableRefusesAndWhatFailedInItsOwnWords(JenkinsRule j) throws Exception {
        useFailingDockerOnTheBuiltInNode(j);
        Path stack = ExampleStackCopy.write(Files.createDirectories(tmp.resolve("stack")));
        WorkflowJob failing = j.createProject(WorkflowJob.class, "summary");
        failing.setDefinition(new CpsFlowDefinition("morgan.build(['core'], [checkout: { sh 'cp -r " + stack
                + "/. .' }])", true));
        WorkflowJob typo = j.createProject(WorkflowJob.class, "typo");
        typo.setDefinition(new CpsFlowDefinition("morgan.buildAll(nocache: true)", true));
        WorkflowJob wait = j.createProject(WorkflowJob.class, "wait");
        wait.setDefinition(new CpsFlowDefinition("morgan.buildAll(routeWait: 'soon')", true));

        WorkflowRun failed = j.assertBuildStatus(Result.FAILURE, failing.scheduleBuild2(0));
        WorkflowRun refused = j.assertBuildStatus(Result.FAILURE, typo.scheduleBuild2(0));
        WorkflowRun badWait = j.assertBuildStatus(Result.FAILURE, wait.scheduleBuild2(0));

        // Morgan.groovy's texts come from Messages.properties, called from CPS code through @NonCPS helpers
        j.assertLogContains("[morgan] core failed: morgan-build: core failed: ", failed);
        j.assertLogContains("morgan-build: core failed; every other service was built", failed);
        j.assertLogContains("morgan-build: unknown option 'nocache' (did you mean 'noCache'?); the options are: only, "
                + "composeFile,", refused);
        j.assertLogContains("morgan-build: routeWait must be a whole number of seconds, 0 or more (e.g. routeWait: 10), "
                + "not 'soon'", badWait);
    }

    /** A job that builds the example's core on the built-in node, whose docker fails every build. */
    private WorkflowJob coreJob(JenkinsRule j, String name) throws Exception {
        useFailingDockerOnTheBuiltInNode(j);
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        Path stack = ExampleStackCopy.write(Files.createDirectories(tmp.resolve("stack")));
        job.setDefinition(new CpsFlowDefinition(
                "node { sh 'cp -r " + stack + "/. .'; morganBuild(service: 'core') }", true));
        return job;
    }

    /** The built-in node labelled docker, with a docker that fails every build and a cache root in tmp. */
    private void useFailingDockerOnTheBuiltInNode(JenkinsRule j) throws Exception {
        j.jenkins.setLabelString("docker");
        MorganGlobalConfiguration config = MorganGlobalConfiguration.get();
        config.setDockerExecutable(FakeDocker.failing(Files.createDirectories(tmp.resolve("bin"))).toString());
        config.setCacheRoot(Files.createDirectories(tmp.resolve("cache")).toString());
    }
}
