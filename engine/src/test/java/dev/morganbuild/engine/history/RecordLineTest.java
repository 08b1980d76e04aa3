package dev.morganbuild.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.CacheMountPolicy;
import dev.morganbuild.engine.record.StepRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordLineTest {
    static BuildRecord full() {
        return BuildRecord.builder("id-1", "run-1", "tts").tags(List.of("morgan/tts:latest", "x:\"quoted\""))
                .imageId("sha256:" + "a".repeat(64)).digest("sha256:" + "b".repeat(64))
                .start(Instant.parse("2026-12-02T10:00:00.123456789Z")).durationMillis(12_345)
                .steps(List.of(new StepRecord(4, "[base 1/2] RUN apt-get install\u00e9 \\ \n", "base", "RUN", 10, false,
                        StepRecord.StepStatus.ERROR, "exit code: 1\nE: no package"),
                        new StepRecord(5, "[app 1/1] COPY . /srv", "app", "COPY", 0, true, StepRecord.StepStatus.CACHED)))
                .stepsCached(1).stepsTotal(2).kind(BuildKind.NO_CACHE).nightly(true)
                .cacheMountPolicy(CacheMountPolicy.DROP).node("gpu-1").backend("buildx").status(BuildStatus.FAILED)
                .exitCode(17).contextBytes(85_200_000L).dockerignore(true).gitCommit("0123abc")
                .warnings(List.of("large context")).error("boom").dockerfileDigest("sha256:" + "c".repeat(64))
                .budgetMillis(600_000L).pushed(List.of("127.0.0.1:5000/tts:latest@sha256:" + "d".repeat(64))).build();
    }

    @Test
    void shouldWriteWhatTheObjectMapperWritesForEveryField() throws Exception {
        for (BuildRecord r : List.of(full(), BuildRecord.builder("id-2", null, "core").build(),
                BuildRecord.skipped("run", "stt", List.of(), false, "n", "tts failed"))) {
            assertThat(new String(RecordLine.json(r), java.nio.charset.StandardCharsets.UTF_8)).as(r.id())
                    .isEqualTo(Json.mapper().writeValueAsString(r));
            assertThat(Json.mapper().readValue(RecordLine.json(r), BuildRecord.class)).isEqualTo(r);
        }
    }
}
