package dev.morganbuild.engine.report;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.StepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generated history shaped like a real four-service stack: 30 runs, hourly. Run 0 is cold, every 7th
 * a nightly no-cache build, the rest warm. core and tts build on agent-1 (tts waits for core), stt and
 * web on agent-2 (web waits for stt); stt is always fully cached when warm; tts's pip step stops being
 * cached from run 18 (a regression); in the last run web fails at its npm step.
 */
final class ReportFixture {
    static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");
    static final int RUNS = 30;
    static final List<String> SERVICES = List.of("core", "tts", "stt", "web");

    final List<BuildSummary> summaries = new ArrayList<>();
    final Map<String, BuildRecord> records = new LinkedHashMap<>();

    static ReportFixture generate() {
        ReportFixture f = new ReportFixture();
        for (int run = 0; run < RUNS; run++) {
            Instant start = T0.plusSeconds(3600L * run);
            BuildKind kind = run == 0 ? BuildKind.COLD : run % 7 == 6 ? BuildKind.NO_CACHE : BuildKind.WARM;
            BuildRecord core = f.add(run, "core", "agent-1", start, kind, 2);
            f.add(run, "tts", "agent-1", start.plusMillis(core.durationMillis() + 300), kind, run >= 18 ? 2 : 4);
            BuildRecord stt = f.add(run, "stt", "agent-2", start, kind, 6);
            f.add(run, "web", "agent-2", start.plusMillis(stt.durationMillis() + 200), kind, 3);
        }
        return f;
    }

    Optional<BuildRecord> record(BuildSummary s) {
        return Optional.ofNullable(records.get(s.id()));
    }

    /** @param cachedWhenWarm how many of the six build steps come from the cache in a warm build */
    private BuildRecord add(int run, String service, String node, Instant start, BuildKind kind, int cachedWhenWarm) {
        int cached = kind == BuildKind.WARM ? cachedWhenWarm : 0;
        boolean fails = service.equals("web") && run == RUNS - 1;
        long base = switch (service) {
            case "core" -> 4_000;
            case "tts" -> 6_000;
            case "stt" -> 9_000;
            default -> 2_500;
        };
        List<StepRecord> steps = new ArrayList<>();
        steps.add(new StepRecord(1, "[internal] load build definition from Dockerfile", "internal", "", 40, false,
                StepRecord.StepStatus.DONE));
        long total = 400;
        for (int i = 0; i < 6; i++) {
            boolean isCached = i < cached;
            long millis = isCached ? 0 : base * (i + 1) / 3 + (run * 37L + i * 11L) % 300;
            boolean failedHere = fails && i == 5;
            steps.add(new StepRecord(i + 2, "[app " + (i + 1) + "/6] RUN step-" + (i + 1) + " of " + service, "app", "RUN",
                    millis, isCached, failedHere ? StepRecord.StepStatus.ERROR : isCached ? StepRecord.StepStatus.CACHED
                    : StepRecord.StepStatus.DONE, failedHere ? "process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 1\nnpm ERR! 404 Not Found" : null));
            total += millis + 30;
            if (failedHere) {
                break;
            }
        }
        BuildRecord r = BuildRecord.builder(service + "-" + run, "run-" + run, service).start(start).durationMillis(total)
                .steps(steps).stepsCached(cached).stepsTotal(6).kind(kind).nightly(kind == BuildKind.NO_CACHE)
                .node(node).backend("buildx").status(fails ? BuildStatus.FAILED : BuildStatus.SUCCESS)
                .exitCode(fails ? 1 : 0).error(fails ? "docker build failed" : null).build();
        records.put(r.id(), r);
        summaries.add(BuildSummary.of(r, summaries.size()));
        return r;
    }
}
