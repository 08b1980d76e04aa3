package dev.morganbuild.engine.buildkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.record.StepRecord.StepStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class PlainProgressParserTest {
    static PlainProgressParser parse(String fixture, ProgressListener listener) throws IOException {
        PlainProgressParser parser = new PlainProgressParser(listener);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                PlainProgressParserTest.class.getResourceAsStream("/buildkit/" + fixture)), StandardCharsets.UTF_8))) {
            r.lines().forEach(parser::line);
        }
        return parser;
    }

    static List<StepRecord> buildSteps(PlainProgressParser p) {
        return p.steps().stream().filter(StepRecord::isBuildStep).toList();
    }

    @Test
    void shouldRecordEveryDockerfileStepOfAColdBuildWithStageInstructionAndDuration() throws IOException {
        PlainProgressParser p = parse("plain-cold.log", null);

        List<StepRecord> steps = buildSteps(p);
        assertThat(steps).extracting(StepRecord::name).hasSize(8).first().asString()
                .startsWith("[base 2/2] RUN --mount=type=cache,target=/var/cache/apt");
        StepRecord apt = steps.get(0);
        assertThat(apt.stage()).isEqualTo("base");
        assertThat(apt.instruction()).isEqualTo("RUN");
        assertThat(apt.durationMillis()).isEqualTo(10_100);
        assertThat(apt.cached()).isFalse();
        assertThat(steps).extracting(StepRecord::stage).containsExactly("base", "deps", "deps", "deps", "deps", "app", "app", "app");
        assertThat(steps).noneMatch(StepRecord::cached);
        assertThat(p.imageId()).isEqualTo("sha256:8fed309f46c41de8a354cbc0ce15c663b82c5f7906172737700d84e4fb561f1b");
        assertThat(p.contextBytes()).isEqualTo(408);
        assertThat(p.errorSummary()).isNull();
    }

    @Test
    void shouldSeeEveryStepCachedInAWarmBuild() throws IOException {
        PlainProgressParser p = parse("plain-warm.log", null);

        assertThat(buildSteps(p)).hasSize(8).allSatisfy(s -> {
            assertThat(s.cached()).isTrue();
            assertThat(s.status()).isEqualTo(StepStatus.CACHED);
            assertThat(s.durationMillis()).isZero();
        });
    }

    @Test
    void shouldNameTheFailingStepAndItsLastOutput() throws IOException {
        PlainProgressParser p = parse("plain-failed.log", null);

        StepRecord failed = buildSteps(p).get(buildSteps(p).size() - 1);
        assertThat(failed.status()).isEqualTo(StepStatus.ERROR);
        assertThat(failed.stage()).isEqualTo("app");
        assertThat(p.errorSummary()).startsWith("[app 1/1] RUN echo about to fail && exit 7: executor failed running")
                .contains("exit code: 7").contains("about to fail");
        assertThat(buildSteps(p).get(0).status()).isEqualTo(StepStatus.DONE);
        assertThat(failed.error()).as("the failed step keeps docker's error and its last output")
                .isEqualTo("executor failed running [/bin/sh -c echo about to fail && exit 7]: exit code: 7\nabout to fail");
        assertThat(buildSteps(p).subList(0, buildSteps(p).size() - 1)).allSatisfy(s -> assertThat(s.error()).isNull());
    }

    @Test
    void shouldTellTheListenerAsStepsStartAndFinish() throws IOException {
        List<String> events = new ArrayList<>();
        parse("plain-cold.log", new ProgressListener() {
            @Override
            public void onStepStarted(StepRecord step) {
                events.add("start #" + step.index());
            }

            @Override
            public void onStepFinished(StepRecord step) {
                events.add("end #" + step.index() + " " + step.status());
            }
        });

        assertThat(events).containsSubsequence("start #5", "end #5 DONE", "start #7", "end #7 DONE");
        assertThat(events.stream().filter(e -> e.startsWith("start"))).hasSize(14);
    }

    @Test
    void shouldKeepMemoryBoundedForHugeStepOutput() {
        PlainProgressParser p = new PlainProgressParser(null);
        p.line("#7 [deps 2/2] RUN make");
        for (int i = 0; i < 200_000; i++) {
            p.line("#7 12.345 compiling file " + i);
        }
        p.line("#7 ERROR: executor failed running [make]: exit code: 2");

        String summary = p.errorSummary();
        assertThat(summary).contains("compiling file 199999").doesNotContain("compiling file 199990\n  compiling file 0");
        assertThat(summary.lines().count()).isLessThanOrEqualTo(7);
    }

    @Test
    void shouldReadContextSizesInBuildKitUnits() {
        PlainProgressParser p = new PlainProgressParser(null);
        p.line("#6 [internal] load build context");
        p.line("#6 transferring context: 20.1MB 2.0s");
        p.line("#6 transferring context: 85.2MB 3.1s done");
        p.line("#6 DONE 3.1s");

        assertThat(p.contextBytes()).isEqualTo(85_200_000L);
    }

    @Test
    void shouldExplainAFailureThatHappenedBeforeAnyStep() {
        PlainProgressParser p = new PlainProgressParser(null);
        p.line("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?");

        assertThat(p.errorSummary()).contains("Cannot connect to the Docker daemon");
        assertThat(p.steps()).isEmpty();
    }

    @Test
    void shouldTreatMalformedStepLinesAsOutputInsteadOfFailing() {
        PlainProgressParser p = new PlainProgressParser(null);
        for (String line : List.of("#1 [base 1/2] FROM docker.io/library/debian", "#1 DONE 1.2.3s", "#1 DONE .s",
                "#99999999999 [x] RUN overflow", "#12a3 not a step", "#", "#7", "#1 12.5 Unpacking x ...",
                "#1 writing image sha256:zz", "#1 DONE 0.25s")) {
            p.line(line);
        }

        assertThat(p.steps()).hasSize(1);
        assertThat(p.steps().get(0).durationMillis()).isEqualTo(250);
        assertThat(p.imageId()).isNull();
    }

    @Test
    void shouldStripTheTimestampOfOutputLinesOnly() {
        List<String> output = new ArrayList<>();
        PlainProgressParser p = new PlainProgressParser(new ProgressListener() {
            @Override
            public void onOutput(int step, String line) {
                output.add(line);
            }
        });
        for (String line : List.of("#3 [app 2/2] RUN make", "#3 0.512 gcc -O2 x.c", "#3 12. not a timestamp",
                "#3 3.14", "#3 writing image sha256:" + "ab".repeat(32) + " done")) {
            p.line(line);
        }

        assertThat(output).containsExactly("gcc -O2 x.c", "12. not a timestamp", "3.14",
                "writing image sha256:" + "ab".repeat(32) + " done");
        assertThat(p.imageId()).isEqualTo("sha256:" + "ab".repeat(32));
    }
}
