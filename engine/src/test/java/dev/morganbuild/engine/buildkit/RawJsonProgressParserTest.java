package dev.morganbuild.engine.buildkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.record.StepRecord.StepStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class RawJsonProgressParserTest {
    @Test
    void shouldTurnSolveStatusLinesIntoStepRecords() throws Exception {
        List<String> output = new ArrayList<>();
        RawJsonProgressParser p = new RawJsonProgressParser(new ProgressListener() {
            @Override
            public void onOutput(int step, String line) {
                output.add(step + ": " + line);
            }
        });
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("/buildkit/rawjson-failed.jsonl")), StandardCharsets.UTF_8))) {
            r.lines().forEach(p::line);
        }

        List<StepRecord> steps = p.steps();
        assertThat(steps).extracting(StepRecord::index).containsExactly(1, 2, 3, 4, 5, 6);
        StepRecord apt = steps.get(3);
        assertThat(apt.stage()).isEqualTo("base");
        assertThat(apt.instruction()).isEqualTo("RUN");
        assertThat(apt.durationMillis()).isEqualTo(10_250);
        assertThat(apt.status()).isEqualTo(StepStatus.DONE);
        assertThat(steps.get(4).cached()).isTrue();
        assertThat(steps.get(5).status()).isEqualTo(StepStatus.ERROR);
        assertThat(steps.get(5).error()).startsWith("process").contains("exit code: 1");
        assertThat(steps.subList(0, 5)).allSatisfy(s -> assertThat(s.error()).isNull());
        assertThat(steps.stream().filter(StepRecord::isBuildStep)).hasSize(3);
        assertThat(p.contextBytes()).isEqualTo(85_200_000L);
        assertThat(p.errorSummary()).startsWith("[app 2/2] RUN python -m compileall /srv/core: process")
                .contains("exit code: 1");
        assertThat(output).contains("4: Need to get 0 B/14.9 MB of archives.", "4: Setting up python3 ...");
    }
}
