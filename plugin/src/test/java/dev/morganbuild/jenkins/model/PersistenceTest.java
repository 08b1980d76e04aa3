package dev.morganbuild.jenkins.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.StepRecord;
import java.time.Instant;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What build.xml keeps passes XStream and the JEP-200 class filter; the records come back from the side file. */
@WithJenkins
class PersistenceTest {
    @Test
    void shouldSaveAndReloadTheBuildActionWithItsSideFile(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "persist");
        job.setDefinition(new CpsFlowDefinition("echo 'hi'", true));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        BuildRecord record = new BuildRecord(BuildRecord.SCHEMA, "id-1", "run", "tts", List.of("tts:latest"), "sha256:x",
                null, Instant.parse("2026-11-22T02:00:00Z"), 12_345,
                List.of(new StepRecord(5, "[base 2/2] RUN apt-get install -y sox", "base", "RUN", 9_000, false,
                        StepRecord.StepStatus.DONE)), 0, 1, BuildKind.NO_CACHE, true, null, "gpu-1", "builtin",
                BuildStatus.SUCCESS, 0, 100, true, null, List.of(), null, null, null);
        MorganBuildAction.record(run, List.of(record));

        j.jenkins.reload();

        WorkflowRun reloaded = j.jenkins.getItemByFullName("persist", WorkflowJob.class).getBuildByNumber(1);
        MorganBuildAction action = reloaded.getAction(MorganBuildAction.class);
        assertThat(action.getServices()).singleElement().satisfies(s -> {
            assertThat(s.getService()).isEqualTo("tts");
            assertThat(s.getKind()).isEqualTo("nightly");
            assertThat(s.getNode()).isEqualTo("gpu-1");
        });
        assertThat(action.getRecords()).containsExactly(record);
        assertThat(reloaded.getRootDir().toPath().resolve("build.xml")).content().doesNotContain("dev.morganbuild.engine");
    }
}
