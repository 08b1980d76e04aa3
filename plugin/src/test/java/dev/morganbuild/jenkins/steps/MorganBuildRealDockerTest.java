package dev.morganbuild.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import dev.morganbuild.jenkins.model.MorganBuildAction;
import dev.morganbuild.jenkins.model.MorganJobAction;
import hudson.model.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The step building a real image on the built-in node. Needs a Docker engine with BuildKit (the
 * engine's integration tests always run against one; here, where the Jenkins test harness runs,
 * the test is skipped when no engine answers); the push test needs Debian's docker-registry and htpasswd
 * too, and fails without them (scripts/test.sh installs them).
 */
@WithJenkins
public class MorganBuildRealDockerTest {
    /** False, not an error, when there is no docker client at all. */
    public static boolean dockerAnswers() throws Exception {
        try {
            Process p = new ProcessBuilder("docker", "version").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException noClient) {
            return false;
        }
    }

    @Test
    void shouldBuildTwiceRecordTimesAndShowTheSecondBuildWarm(JenkinsRule j) throws Exception {
        assumeTrue(dockerAnswers(), "no Docker engine");
        j.jenkins.setLabelString("docker"); // the example stack builds core on nodes labelled docker
        WorkflowJob job = j.createProject(WorkflowJob.class, "core");
        Path stack = ExampleStackCopy.write(Files.createTempDirectory("stack"));
        job.setDefinition(new CpsFlowDefinition("node { sh 'cp -r " + stack + "/. .'\n"
                + "def r = morganBuild(service: 'core')\n echo \"kind=${r.kind} cached=${r.stepsCached}/${r.stepsTotal}\" }", true));

        j.buildAndAssertSuccess(job);
        WorkflowRun second = j.buildAndAssertSuccess(job);

        j.assertLogContains("kind=warm", second);
        MorganBuildAction action = second.getAction(MorganBuildAction.class);
        assertThat(action.getServices()).singleElement().satisfies(s -> {
            assertThat(s.getService()).isEqualTo("core");
            assertThat(s.getStepsCached()).isEqualTo(s.getStepsTotal());
        });
        assertThat(action.getRecords()).singleElement().satisfies(r -> assertThat(r.steps()).isNotEmpty());
        assertThat(new MorganJobAction(job).getBuildTrendModel()).contains("\"core\"");

        // the pages as a browser gets them (their charts are drawn by script, which HtmlUnit does not run)
        JenkinsRule.WebClient web = j.createWebClient();
        web.setJavaScriptEnabled(false);
        assertThat(web.getPage(second, MorganBuildAction.URL_NAME + "/").asNormalizedText())
                .contains("Build times", "Timeline", "core: steps, slowest first", "all 8 steps cached");
        assertThat(web.getPage(job, "morgan-build-trend/").asNormalizedText())
                .contains("Build time trend", "Time saved = ", "No regressions.");
        assertThat(web.getPage(job).asNormalizedText()).contains("All charts");
    }

    @Test
    void shouldMakeTheRunUnstableAndMarkTheStepWhenAServiceIsOverItsBudget(JenkinsRule j) throws Exception {
        assumeTrue(dockerAnswers(), "no Docker engine");
        j.jenkins.setLabelString("docker");
        WorkflowJob job = j.createProject(WorkflowJob.class, "budget");
        Path stack = ExampleStackCopy.write(Files.createTempDirectory("stack"));
        Path compose = stack.resolve("docker-compose.yml");
        // a build without the layer cache takes seconds: a one-second budget cannot hold
        Files.writeString(compose, Files.readString(compose).replace("  budget: 10m\n", "  budget: 1s\n"));
        job.setDefinition(new CpsFlowDefinition("node { sh 'cp -r " + stack + "/. .'\n"
                + "morganBuild(service: 'core', noCache: true) }", true));

        WorkflowRun run = j.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));

        j.assertLogContains("over its x-morgan budget of 1.0 s", run);
        FlowNode step = new DepthFirstScanner().findFirstMatch(run.getExecution(), new NodeStepTypePredicate("morganBuild"));
        assertThat(step.getPersistentAction(WarningAction.class)).isNotNull()
                .satisfies(w -> assertThat(w.getResult()).isEqualTo(Result.UNSTABLE))
                .satisfies(w -> assertThat(w.getMessage()).contains("over its x-morgan budget"));
    }

    @Test
    void shouldShowAServicesLastLinesBeforeTheStepEndsOnAnAgent(JenkinsRule j) throws Exception {
        assumeTrue(dockerAnswers(), "no Docker engine");
        j.createOnlineSlave(new hudson.model.labels.LabelAtom("docker"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "agent");
        Path stack = ExampleStackCopy.write(Files.createTempDirectory("stack"));
        job.setDefinition(new CpsFlowDefinition("node('docker') { sh 'cp -r " + stack + "/. .'\n"
                + "morganBuild(service: 'core')\n echo 'after the step' }", true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        // an agent's log stream is buffered: the step flushes it before returning, or these lines
        // would land after the next step's output (or be lost when the build ends first)
        String log = JenkinsRule.getLog(run);
        assertThat(log.indexOf("[morgan] core success")).isNotNegative().isLessThan(log.indexOf("after the step"));
    }

    @Test
    void shouldPushWithTheJobsCredentialNeverShowingItsPasswordNorLeavingTheDockerConfig(JenkinsRule j) throws Exception {
        assumeTrue(dockerAnswers(), "no Docker engine");
        Path tmp = Files.createTempDirectory("push");
        try (LoopbackRegistry registry = LoopbackRegistry.start(tmp.resolve("registry"))) {
            j.jenkins.setLabelString("docker");
            CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                    new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "registry", "the test registry",
                            LoopbackRegistry.USER, registry.password));
            String tag = UUID.randomUUID().toString().substring(0, 8);
            Path stack = Files.createDirectories(tmp.resolve("stack"));
            Files.writeString(stack.resolve("Dockerfile"), "FROM morgan/debian:bookworm\nRUN echo " + tag + " > /tag\n");
            Files.writeString(stack.resolve("docker-compose.yml"), "services:\n  app:\n    build: .\n    image: "
                    + registry.address() + "/morgan-push/app:" + tag + "\n");
            WorkflowJob job = j.createProject(WorkflowJob.class, "push");
            job.setDefinition(new CpsFlowDefinition("node { sh 'cp -r " + stack + "/. .'\n"
                    + "  def r = morganBuild(service: 'app', push: true, registryUrl: '" + registry.address()
                    + "', credentialsId: 'registry')\n"
                    + "  echo \"digest=${r.digest}\" }", true));

            WorkflowRun run = j.buildAndAssertSuccess(job);

            String digest = registry.manifestDigest("morgan-push/app", tag);
            assertThat(digest).as("the pushed tag in the registry").startsWith("sha256:");
            j.assertLogContains("digest=" + registry.address() + "/morgan-push/app:" + tag + "@" + digest, run);
            String auth = Base64.getEncoder().encodeToString((LoopbackRegistry.USER + ":" + registry.password)
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(JenkinsRule.getLog(run)).doesNotContain(registry.password).doesNotContain(auth);
            String workspace = j.jenkins.getWorkspaceFor(job).getRemote();
            // the build process's java.io.tmpdir (its scratch folder and the private DOCKER_CONFIG) is inside its
            // job folder under @tmp, which goes once the step has the records
            try (Stream<Path> left = Files.list(Path.of(workspace + "@tmp"))) {
                assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("morgan-")))
                        .as("the build process's folder, its scratch folder and docker-config").isEmpty();
            }
            List<Path> holding = new ArrayList<>();
            for (Path root : List.of(run.getRootDir().toPath(), Path.of(workspace), Path.of(workspace + "@tmp"))) {
                holding.addAll(filesHolding(root, List.of(registry.password, auth)));
            }
            assertThat(holding).as("files that hold the password").isEmpty();
        }
    }

    /** The regular files under {@code root} (if it exists) that contain one of {@code secrets}. */
    private static List<Path> filesHolding(Path root, List<String> secrets) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    return secrets.stream().anyMatch(text::contains);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
