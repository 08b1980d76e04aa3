package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.StepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Build windows from records that come from anywhere (a Jenkins controller's build folders). */
class BuildWindowsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static BuildRecord build(String service, int minute, BuildStatus status) {
        return BuildRecord.builder(service + minute, "run" + minute, service).start(T0.plusSeconds(60L * minute))
                .durationMillis(20_000).status(status).node("agent-1")
                .steps(List.of(new StepRecord(1, "[2/3] RUN apt-get update", "", "RUN", 1000, false,
                        StepRecord.StepStatus.DONE))).build();
    }

    @Test
    void shouldKeepTheLastBuildsOfEveryServiceOldestFirstWhateverOrderTheyCameIn() {
        List<BuildRecord> records = new ArrayList<>();
        for (int m = 0; m < BuildWindows.PER_SERVICE + 3; m++) {
            records.add(build("core", m, BuildStatus.SUCCESS));
        }
        records.add(build("tts", 1, BuildStatus.SUCCESS));
        Collections.shuffle(records, new java.util.Random(7));

        List<BuildWindow> windows = BuildWindows.recent(records);

        assertThat(windows).filteredOn(w -> w.service().equals("core")).hasSize(BuildWindows.PER_SERVICE)
                .first().extracting(BuildWindow::start).isEqualTo(T0.plusSeconds(60L * 3));
        assertThat(windows).extracting(BuildWindow::start).isSorted();
        assertThat(windows).extracting(BuildWindow::service).contains("tts");
    }

    @Test
    void shouldLeaveOutSkippedBuilds() {
        assertThat(BuildWindows.recent(List.of(build("llm", 1, BuildStatus.SKIPPED)))).isEmpty();
    }

    @Test
    void shouldTravelAsJsonAndComeBackEqual() throws Exception {
        // the Jenkins controller sends a node's windows to the agent as a JSON string (JEP-200: JDK types only)
        List<BuildWindow> windows = BuildWindows.recent(List.of(build("core", 1, BuildStatus.SUCCESS)));

        String json = Json.mapper().writeValueAsString(windows);
        List<BuildWindow> back = List.of(Json.mapper().readValue(json, BuildWindow[].class));

        assertThat(back).isEqualTo(windows);
        assertThat(back.get(0).ran("apt-get update")).isTrue();
    }
}
