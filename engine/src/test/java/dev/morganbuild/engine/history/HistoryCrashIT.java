package dev.morganbuild.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the history store with real processes: a child JVM appends records until it is
 * killed with SIGKILL at a random moment, hundreds of times; every record whose append had returned
 * must then be readable, exactly once. Every tenth round also leaves a torn line at the end of the
 * log (what a power loss mid-write leaves), which must be skipped and reported, never fatal.
 */
class HistoryCrashIT {
    static final int KILLS = 300;
    static final int LANES = 2;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryAcknowledgedRecordThroughHundredsOfKills() throws Exception {
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger torn = new AtomicInteger();
        AtomicInteger reportedSkips = new AtomicInteger();
        ExecutorService lanes = Executors.newFixedThreadPool(LANES);
        List<Future<Integer>> results = new ArrayList<>();
        for (int lane = 0; lane < LANES; lane++) {
            Path store = dir.resolve("lane-" + lane);
            long seed = 1000L + lane;
            results.add(lanes.submit(() -> lane(store, KILLS / LANES, new Random(seed), acked, torn, reportedSkips)));
        }
        int readable = 0;
        for (Future<Integer> f : results) {
            readable += f.get(15, TimeUnit.MINUTES);
        }
        lanes.shutdown();

        System.out.printf("history crash test: %d SIGKILLs, %d records acknowledged, %d readable after the last kill, "
                + "%d torn tails left, %d skipped lines reported%n", KILLS, acked.get(), readable, torn.get(),
                reportedSkips.get());
        assertThat(readable).isGreaterThanOrEqualTo(acked.get());
        assertThat(reportedSkips.get()).isGreaterThanOrEqualTo(torn.get());
    }

    /** Runs {@code kills} rounds against one store; returns the records readable at the end. */
    private static int lane(Path store, int kills, Random random, AtomicInteger ackedTotal, AtomicInteger tornTotal,
                            AtomicInteger skipsTotal) throws Exception {
        Set<String> acked = new HashSet<>();
        for (int round = 0; round < kills; round++) {
            Process p = ChildJvm.start(HistoryCrasher.class, store.toString(), "crash");
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).as("child output").startsWith("acked ");
            acked.add(first.substring(6));
            Thread.sleep(random.nextInt(120));
            // SIGKILL (no shutdown hooks, no flush); through the handle, so our end of its output stays open
            p.toHandle().destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("acked ")) {
                    acked.add(line.substring(6));
                }
            }
            if (round % 10 == 9) {
                // a torn last line: part of a record, no newline, as a power loss mid-write leaves
                Files.write(store.resolve("records.log"), "{\"schema\":1,\"id\":\"torn".getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.APPEND);
                tornTotal.incrementAndGet();
            }
            HistoryStore reopened = new HistoryStore(store);
            List<BuildSummary> all = reopened.summaries(Integer.MAX_VALUE);
            Set<String> ids = new HashSet<>();
            all.forEach(s -> assertThat(ids.add(s.id())).as("duplicate record %s", s.id()).isTrue());
            assertThat(ids).as("round %d: acknowledged records missing", round).containsAll(acked);
            skipsTotal.addAndGet(reopened.lastReport().skipped());
            if (round % 25 == 0) {
                // the acknowledged records are whole, not just indexed
                for (BuildSummary s : all) {
                    assertThat(reopened.record(s)).as("record %s", s.id()).isPresent();
                }
            }
        }
        ackedTotal.addAndGet(acked.size());
        HistoryStore last = new HistoryStore(store);
        last.append(Records.record("after-crashes", 1));
        assertThat(last.summaries("after-crashes", 10)).hasSize(1);
        return last.summaries(Integer.MAX_VALUE).size() - 1;
    }

    @Test
    void shouldLoseNothingWhenFourProcessesAppendAtOnce() throws Exception {
        int perProcess = 60;
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            children.add(ChildJvm.start(HistoryCrasher.class, dir.toString(), "proc-" + i, String.valueOf(perProcess)));
        }
        Set<String> acked = new HashSet<>();
        for (Process p : children) {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().filter(l -> l.startsWith("acked ")).forEach(l -> acked.add(l.substring(6)));
            }
            assertThat(ChildJvm.await(p)).isZero();
        }

        HistoryStore store = new HistoryStore(dir);
        List<BuildSummary> all = store.summaries(Integer.MAX_VALUE);
        System.out.printf("history concurrency test: 4 processes appended %d records at once, %d readable%n",
                acked.size(), all.size());
        assertThat(acked).hasSize(4 * perProcess);
        assertThat(all).hasSize(4 * perProcess);
        assertThat(all.stream().map(BuildSummary::id).toList()).containsExactlyInAnyOrderElementsOf(acked);
        for (int i = 0; i < 4; i++) {
            assertThat(store.summaries("proc-" + i, 1000)).extracting(BuildSummary::durationMillis)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, perProcess).boxed().toList());
        }
        assertThat(store.lastReport().skipped()).isZero();
    }
}
