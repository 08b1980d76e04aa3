package dev.morganbuild.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.ChildJvm;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
    @TempDir
    Path dir;

    @Test
    void shouldRoundTripRecordsAndServeSummariesFromTheIndex() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        BuildRecord a = Records.record("core", 1000, 0, 2, BuildKind.COLD, Instant.parse("2026-11-22T10:00:00Z"));
        BuildRecord b = Records.record("tts", 2000);
        store.append(a);
        store.append(b);

        List<BuildSummary> all = store.summaries(10);
        assertThat(all).extracting(BuildSummary::service).containsExactly("core", "tts");
        BuildSummary core = all.get(0);
        assertThat(core.id()).isEqualTo(a.id());
        assertThat(core.kind()).isEqualTo(BuildKind.COLD);
        assertThat(core.durationMillis()).isEqualTo(1000);
        assertThat(core.start()).isEqualTo(a.start());
        assertThat(store.record(core)).contains(a);
        assertThat(store.summaries("tts", 10)).singleElement().extracting(BuildSummary::id).isEqualTo(b.id());
        assertThat(store.services()).containsExactly("core", "tts");
    }

    @Test
    void shouldAnswerTheLastNOfTwentyThousandBuildsFromTheIndex() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        // Write the log directly (appending 20,000 fsynced records one by one would test the disk, not us).
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            byte[] json = dev.morganbuild.engine.json.Json.mapper().writeValueAsBytes(
                    Records.record(i % 2 == 0 ? "core" : "llm", i));
            log.append(new String(LogLine.encode(json), StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("records.log"), log);

        List<BuildSummary> last = store.summaries("llm", 100);

        assertThat(last).hasSize(100);
        assertThat(last.get(99).durationMillis()).isEqualTo(19_999);
        assertThat(last.get(0).durationMillis()).isEqualTo(19_801);
        assertThat(store.lastReport().recordsRead()).isEqualTo(20_000);
        assertThat(Files.size(dir.resolve("index.bin"))).isEqualTo(20_000L * IndexEntry.SIZE);
    }

    @Test
    void shouldSkipAndReportATornTailAndKeepAppending() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        store.append(Records.record("core", 1));
        Files.writeString(dir.resolve("records.log"), "0badc0de {\"service\":\"core\",\"durat", StandardOpenOption.APPEND);

        HistoryStore reopened = new HistoryStore(dir);
        reopened.append(Records.record("core", 2));

        assertThat(reopened.summaries(10)).extracting(BuildSummary::durationMillis).containsExactly(1L, 2L);
        assertThat(new HistoryStore(dir).summaries(10)).hasSize(2);
        Files.delete(dir.resolve("index.bin"));
        HistoryStore rebuilt = new HistoryStore(dir);
        assertThat(rebuilt.summaries(10)).hasSize(2);
        assertThat(rebuilt.lastReport().skipped()).isEqualTo(1);
        assertThat(rebuilt.lastReport().warnings()).singleElement().asString().contains("torn or corrupted");
    }

    @Test
    void shouldReportDamagedLinesToLaterReadersThatOnlyReadTheIndexOncePerLine() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        store.append(Records.record("core", 1));
        long tornAt = Files.size(dir.resolve("records.log"));
        Files.writeString(dir.resolve("records.log"), "0badc0de {\"service\":\"core\",\"durat", StandardOpenOption.APPEND);
        assertThat(new HistoryStore(dir).summaries(10)).hasSize(1); // sees the torn tail
        assertThat(new HistoryStore(dir).summaries(10)).hasSize(1); // sees it again
        new HistoryStore(dir).append(Records.record("core", 2));    // closes it: now a damaged line

        HistoryStore later = new HistoryStore(dir);                  // reads only the index from now on
        assertThat(later.summaries(10)).hasSize(2);
        assertThat(later.lastReport().skipped()).isZero();
        assertThat(later.damage().skipped()).isEqualTo(1);
        assertThat(later.damage().warnings()).singleElement().asString()
                .contains("byte " + tornAt).contains("records.log").contains("torn");
    }

    @Test
    void shouldReportNoDamageForAHealthyHistory() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        store.append(Records.record("core", 1));

        assertThat(new HistoryStore(dir).damage().skipped()).isZero();
        assertThat(new HistoryStore(dir).damage().warnings()).isEmpty();
    }

    @Test
    void shouldSkipALineWhoseChecksumDoesNotMatch() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        store.append(Records.record("core", 1));
        store.append(Records.record("core", 2));
        store.append(Records.record("core", 3));
        Path log = dir.resolve("records.log");
        String text = Files.readString(log).replaceFirst("\"durationMillis\":2,", "\"durationMillis\":9,");
        Files.writeString(log, text);
        Files.delete(dir.resolve("index.bin"));

        HistoryStore reopened = new HistoryStore(dir);

        assertThat(reopened.summaries(10)).extracting(BuildSummary::durationMillis).containsExactly(1L, 3L);
        assertThat(reopened.lastReport().skipped()).isEqualTo(1);
    }

    @Test
    void shouldSkipAHugeRunOfZerosAndManyBadLinesKeepingFewWarnings() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        store.append(Records.record("core", 1));
        Path log = dir.resolve("records.log");
        // what a crash can leave on some file systems: a long run of zero bytes, here longer than any record
        byte[] zeros = new byte[LogScanner.MAX_LINE_BYTES + (4 << 20)];
        zeros[zeros.length - 1] = '\n';
        Files.write(log, zeros, StandardOpenOption.APPEND);
        Files.writeString(log, "garbage\n".repeat(150), StandardOpenOption.APPEND);
        Files.delete(dir.resolve("index.bin"));
        HistoryStore reopened = new HistoryStore(dir);
        reopened.append(Records.record("core", 2));

        assertThat(reopened.summaries(10)).extracting(BuildSummary::durationMillis).containsExactly(1L, 2L);
        assertThat(reopened.lastReport().skipped()).isEqualTo(151);
        assertThat(reopened.lastReport().warnings()).hasSize(LogScanner.MAX_WARNINGS + 1);
        assertThat(reopened.lastReport().warnings().get(0)).contains("is " + zeros.length + " bytes long, not a record");
        assertThat(reopened.lastReport().warnings()).last().asString().isEqualTo("... and 51 more damaged lines skipped");
        assertThat(reopened.record(reopened.summaries(10).get(1))).map(BuildRecord::durationMillis).contains(2L);
    }

    @Test
    void shouldCatchUpAnIndexThatLagsTheLog() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        store.append(Records.record("core", 1));
        byte[] index = Files.readAllBytes(dir.resolve("index.bin"));
        store.append(Records.record("core", 2));
        Files.write(dir.resolve("index.bin"), index); // as if we crashed between log and index writes

        assertThat(new HistoryStore(dir).summaries(10)).extracting(BuildSummary::durationMillis).containsExactly(1L, 2L);
    }

    @Test
    void shouldRebuildADamagedIndex() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        store.append(Records.record("core", 1));
        store.append(Records.record("llm", 2));
        Files.write(dir.resolve("index.bin"), new byte[] {1, 2, 3});

        assertThat(new HistoryStore(dir).summaries(10)).extracting(BuildSummary::service).containsExactly("core", "llm");
    }

    @Test
    void shouldLoseNothingWhenThreadsAndProcessesAppendAtOnce() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        Process p1 = ChildJvm.start(HistoryAppender.class, dir.toString(), "40", "child-a");
        Process p2 = ChildJvm.start(HistoryAppender.class, dir.toString(), "40", "child-b");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String service = "thread-" + t;
            threads.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    store.append(Records.record(service, i));
                }
                return null;
            }));
        }
        for (Future<?> f : threads) {
            f.get();
        }
        pool.shutdown();
        assertThat(ChildJvm.await(p1)).isZero();
        assertThat(ChildJvm.await(p2)).isZero();

        HistoryStore reopened = new HistoryStore(dir);
        assertThat(reopened.summaries(1000)).hasSize(4 * 25 + 2 * 40);
        assertThat(reopened.summaries("child-a", 1000)).hasSize(40);
        assertThat(reopened.summaries("thread-3", 1000)).extracting(BuildSummary::durationMillis)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 25).boxed().toList());
        Files.delete(dir.resolve("index.bin"));
        assertThat(new HistoryStore(dir).summaries(1000)).hasSize(180);
        assertThat(new HistoryStore(dir).lastReport().skipped()).isZero();
    }
}
