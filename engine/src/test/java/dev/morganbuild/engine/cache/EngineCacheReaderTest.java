package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.exec.LineSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The reader against the engine's real output (golden files), and dockerd's refusal of a second query. */
class EngineCacheReaderTest {
    /** What dockerd 20.10 printed when two agents on one engine asked at once (seen in a real controller). */
    private static final String BUSY_LINE = "Error response from daemon: a disk usage operation is already running";
    private static final Map<String, String> ENV = Map.of("DOCKER_HOST", "unix:///run/docker.sock");

    /** Answers like a docker engine that refuses the first {@code busy} disk-usage queries. */
    private static final class Engine implements CommandRunner {
        final AtomicInteger queries = new AtomicInteger();
        final int busy;
        final String failure;

        Engine(int busy, String failure) {
            this.busy = busy;
            this.failure = failure;
        }

        @Override
        public int run(Command command, LineSink sink) throws IOException {
            List<String> argv = command.argv();
            if (argv.contains("info")) {
                sink.line("\"/var/lib/docker\"");
                return 0;
            }
            if (argv.contains("-v") && queries.incrementAndGet() <= busy) {
                sink.line(failure);
                return 1;
            }
            String golden = argv.contains("-v") ? "df-v-lines-after-build.jsonl" : "df-totals-after-build.jsonl";
            try (BufferedReader r = new BufferedReader(SystemDfParserTest.golden(golden))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sink.line(line);
                }
            }
            return 0;
        }
    }

    @Test
    void shouldReadTheRecordsTotalsAndDataRoot() throws Exception {
        EngineCacheReader.Answer a = EngineCacheReader.read(new Engine(0, BUSY_LINE), "docker", ENV, 1);

        assertThat(a.records()).hasSameSizeAs(EngineCacheUsageTest.afterBuild());
        assertThat(a.total()).isEqualTo(EngineCacheUsageTest.dockerTotal());
        assertThat(a.dataRoot()).isEqualTo("/var/lib/docker");
    }

    @Test
    void shouldAskAgainWhileTheEngineIsBusyWithAnotherDiskUsageQuery() throws Exception {
        Engine engine = new Engine(2, BUSY_LINE);

        EngineCacheReader.Answer a = EngineCacheReader.read(engine, "docker", ENV, 1);

        assertThat(engine.queries).hasValue(3);
        assertThat(a.records()).hasSameSizeAs(EngineCacheUsageTest.afterBuild());
    }

    @Test
    void shouldGiveUpOnAnEngineThatStaysBusy() {
        Engine engine = new Engine(Integer.MAX_VALUE, BUSY_LINE);

        assertThatThrownBy(() -> EngineCacheReader.read(engine, "docker", ENV, 1)).isInstanceOf(MorganException.class)
                .hasMessageContaining(EngineCacheReader.BUSY);
        assertThat(engine.queries).hasValue(EngineCacheReader.ATTEMPTS);
    }

    @Test
    void shouldNotAskAgainWhenTheEngineFailsForAnotherReason() {
        Engine engine = new Engine(Integer.MAX_VALUE,
                "Cannot connect to the Docker daemon at unix:///run/docker.sock. Is the docker daemon running?");

        assertThatThrownBy(() -> EngineCacheReader.read(engine, "docker", ENV, 1)).isInstanceOf(MorganException.class)
                .hasMessageContaining("Cannot connect to the Docker daemon");
        assertThat(engine.queries).hasValue(1);
    }
}
