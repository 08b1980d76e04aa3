package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forms of docker system df's JSON beside the recorded ones: whole answers without a build cache, extra fields. */
class SystemDfFormsTest {
    static List<BuildCacheRecord> read(String text) {
        return SystemDfParser.records(new StringReader(text), "df");
    }

    @Test
    void shouldReadAWholeAnswerWithoutBuildCacheRecordsAsNone() {
        assertThat(read("{\"Images\":[],\"Containers\":[],\"Volumes\":[]}")).isEmpty();
        assertThat(read("{\"LayersSize\":0,\"Images\":[{\"Id\":\"x\"}]}")).isEmpty();
        assertThat(read("{\"Containers\":[]}")).isEmpty();
        assertThat(read("{\"Volumes\":[]}")).isEmpty();
        assertThat(read("{\"BuildCache\":null}")).isEmpty();
    }

    @Test
    void shouldReadARecordLineWithANestedFieldANewerDockerAdded() {
        List<BuildCacheRecord> r = read("{\"ID\":\"abc1234567\",\"CacheType\":\"regular\",\"Size\":\"1kB\","
                + "\"Platform\":{\"os\":\"linux\"},\"CreatedAt\":\"2026-12-02T21:14:19Z\",\"Shared\":\"true\"}");

        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo("abc1234567");
            assertThat(x.sizeBytes()).isEqualTo(1000);
            assertThat(x.createdAt()).isEqualTo(Instant.parse("2026-12-02T21:14:19Z"));
            assertThat(x.shared()).isTrue();
        });
    }

    @Test
    void shouldCallBuildCacheUsageLinesDockersTableAndCutLongLinesInTheMessage() {
        assertThatThrownBy(() -> read("Build cache usage: 1.2GB")).hasMessageContaining("docker's table output");
        String exactly120 = "x".repeat(120);
        assertThatThrownBy(() -> read(exactly120)).hasMessageContaining("this line is not JSON: " + exactly120)
                .hasMessageNotContaining("…");
        assertThatThrownBy(() -> read("y".repeat(121))).hasMessageContaining("y".repeat(120) + "…")
                .hasMessageNotContaining("y".repeat(121));
    }
}
