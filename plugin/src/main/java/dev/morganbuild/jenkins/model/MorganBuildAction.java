package dev.morganbuild.jenkins.model;

import dev.morganbuild.engine.chart.Charts;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.trend.StepAnalysis;
import dev.morganbuild.jenkins.Messages;
import hudson.model.Action;
import hudson.model.Run;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;

/**
 * "Build times" of one build: per service a small {@link ServiceSummary} in build.xml, and the
 * engine's full records (per-step timings) in {@code <build dir>/morgan-build/records.jsonl}, read
 * only when the page is opened. Several morganBuild steps of one build (parallel branches) add to
 * the same action.
 */
public class MorganBuildAction implements RunAction2, SimpleBuildStep.LastBuildAction {
    private static final Logger LOGGER = Logger.getLogger(MorganBuildAction.class.getName());
    static final String SIDE_DIR = "morgan-build";
    /** The page's URL under the build; the trend charts link to it. */
    public static final String URL_NAME = "morgan-build";
    static final String SIDE_FILE = SIDE_DIR + "/records.jsonl";

    private final List<ServiceSummary> services = new ArrayList<>();
    private transient Run<?, ?> owner;
    private transient SoftReference<List<BuildRecord>> records;
    private transient List<Integer> damagedLines;

    /** Adds records to the build's action (creating it), writes them to the side file, saves build.xml. */
    public static MorganBuildAction record(Run<?, ?> run, List<BuildRecord> newRecords) throws IOException {
        MorganBuildAction action;
        synchronized (run) {
            action = run.getAction(MorganBuildAction.class);
            if (action == null) {
                action = new MorganBuildAction();
                run.addAction(action);
            }
            action.add(newRecords);
        }
        run.save();
        return action;
    }

    /** Records that {@code service} was not built because {@code why} (a service it depends on failed). */
    public static void recordSkipped(Run<?, ?> run, String service, String why) {
        try {
            record(run, List.of(BuildRecord.skipped(run.getExternalizableId(), service, List.of(), false, null, why)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(Messages.MorganBuildAction_CannotRecordSkipped(service), e);
        }
    }

    private synchronized void add(List<BuildRecord> newRecords) throws IOException {
        Path file = owner.getRootDir().toPath().resolve(SIDE_FILE);
        Files.createDirectories(owner.getRootDir().toPath().resolve(SIDE_DIR));
        StringBuilder lines = new StringBuilder();
        for (BuildRecord r : newRecords) {
            services.removeIf(s -> s.getService().equals(r.service()));
            services.add(new ServiceSummary(r));
            lines.append(Json.mapper().writeValueAsString(r)).append('\n');
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        records = null;
    }

    public synchronized void setDigest(String service, String digest) {
        services.stream().filter(s -> s.getService().equals(service)).forEach(s -> s.setDigest(digest));
    }

    public synchronized List<ServiceSummary> getServices() {
        return List.copyOf(services);
    }

    /** The full records, loaded lazily from the side file; the last record per service wins. */
    public synchronized List<BuildRecord> getRecords() {
        List<BuildRecord> cached = records == null ? null : records.get();
        if (cached != null) {
            return cached;
        }
        List<BuildRecord> loaded = new ArrayList<>();
        List<Integer> damaged = new ArrayList<>();
        Path file = owner.getRootDir().toPath().resolve(SIDE_FILE);
        try {
            if (Files.exists(file)) {
                int number = 0;
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        BuildRecord r = Json.mapper().readValue(line, BuildRecord.class);
                        loaded.removeIf(x -> x.service().equals(r.service()));
                        loaded.add(r);
                    } catch (com.fasterxml.jackson.core.JacksonException e) {
                        damaged.add(number); // skipped, and said so on the page
                    }
                }
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot read " + file, e);
        }
        records = new SoftReference<>(loaded);
        damagedLines = List.copyOf(damaged);
        return loaded;
    }

    /**
     * Line numbers of the side file's lines that could not be read (a disk filled up mid-write, a hand
     * edit): they are skipped, and the build page says which.
     */
    public synchronized List<Integer> getDamagedLines() {
        getRecords();
        return damagedLines == null ? List.of() : damagedLines;
    }

    /** The damaged lines' numbers as {@code 4, 7}, for the page's notice. */
    public String getDamagedLinesText() {
        return String.join(", ", getDamagedLines().stream().map(String::valueOf).toList());
    }

    /** Where the damaged lines are, for the page's notice. */
    public String getSideFile() {
        return SIDE_FILE;
    }

    public Optional<BuildRecord> getRecord(String service) {
        return getRecords().stream().filter(r -> r.service().equals(service)).findFirst();
    }

    /** Steps of a service's build, slowest first (for the page's table). */
    public List<StepRecord> getSlowestSteps(String service) {
        return getRecord(service).map(StepAnalysis::slowestFirst).orElse(List.of());
    }

    /** What this step did: failed, cached, invalidated the layer cache, or ran (the engine's one rule). */
    public StepAnalysis.Verdict getVerdict(String service, StepRecord step) {
        return getRecord(service).map(r -> StepAnalysis.verdict(r, step)).orElse(StepAnalysis.Verdict.RAN);
    }

    /** ECharts option of a service's per-step breakdown, drawn by js/morgan-charts.js. */
    public String getStepChart(String service) {
        return getRecord(service).map(Charts::stepBreakdown).orElse("{}");
    }

    /** ECharts option of the build's timeline: one bar per service, by node, split into its steps. */
    public String getTimelineChart() {
        return Charts.timeline(getRecords());
    }

    /** Height in pixels of the timeline chart, one row per service. */
    public int getTimelineHeight() {
        return dev.morganbuild.engine.chart.TimelineChart.height(getRecords().size());
    }

    /** True when every build step of the service came from the cache: the page says so instead of a chart. */
    public boolean isAllCached(String service) {
        return getRecord(service).map(StepAnalysis::allCached).orElse(false);
    }

    /** "all 8 steps cached in 1.2 s". */
    public String getAllCachedText(String service) {
        return getRecord(service).map(StepAnalysis::allCachedText).orElse("");
    }

    /** A step's time as every page writes it (850 ms, 12.4 s, 3 min 05 s). */
    public String duration(long millis) {
        return dev.morganbuild.engine.trend.DurationText.format(millis);
    }

    public Run<?, ?> getOwner() {
        return owner;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        owner = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        owner = r;
    }

    @Override
    public String getIconFileName() {
        return "/plugin/morgan-build/images/build-times.svg";
    }

    @Override
    public String getDisplayName() {
        return Messages.MorganBuildAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        return List.of(new MorganJobAction(owner.getParent()));
    }
}
