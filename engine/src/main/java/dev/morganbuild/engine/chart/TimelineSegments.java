package dev.morganbuild.engine.chart;

import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.trend.DurationText;
import dev.morganbuild.engine.trend.StepAnalysis;
import java.util.ArrayList;
import java.util.List;

/**
 * How one service's bar on the timeline is split. A record knows each step's duration but not when it
 * started (BuildKit runs stages in parallel), so the bar is laid out as: first the time not spent in
 * steps that ran (cached steps and BuildKit's own work: context, base images, export), then each step
 * that ran, in BuildKit's order. When parallel stages make the steps add up to more than the wall
 * time, they are scaled down to fit; the tooltip keeps each step's own time.
 */
final class TimelineSegments {
    static final String OVERHEAD = "#cfd8dc";

    /** A piece of the bar: its width in milliseconds, colour and tooltip HTML. */
    record Segment(long millis, String color, String tip, String label) {
        Segment(long millis, String color, String tip) {
            this(millis, color, tip, null);
        }
    }

    private TimelineSegments() {
    }

    static List<Segment> of(BuildRecord r) {
        String who = "<b>" + TrendSeries.escape(r.service()) + "</b>"
                + (r.node() == null ? "" : " on " + TrendSeries.escape(r.node())) + "<br>";
        List<Segment> out = new ArrayList<>();
        if (r.status() == BuildStatus.SKIPPED) {
            out.add(new Segment(0, OVERHEAD, who + TrendSeries.escape(r.error() == null ? "skipped" : r.error())));
            return out;
        }
        if (StepAnalysis.allCached(r)) {
            out.add(new Segment(r.durationMillis(), StepBreakdownChart.CACHED, who + StepAnalysis.allCachedText(r),
                    StepAnalysis.allCachedText(r)));
            return out;
        }
        List<StepRecord> ran = r.steps().stream().filter(s -> (s.isBuildStep() || s.failed()) && !s.cached()).toList();
        long ranMillis = ran.stream().mapToLong(StepRecord::durationMillis).sum();
        long rest = r.durationMillis() - ranMillis;
        if (rest > 0) {
            boolean anyCached = r.stepsCached() > 0;
            out.add(new Segment(rest, anyCached ? StepBreakdownChart.CACHED : OVERHEAD, who + (anyCached
                    ? r.stepsCached() + (r.stepsCached() == 1 ? " cached step" : " cached steps") + " and BuildKit's own work" : "BuildKit's own work (context, base images, export)")
                    + " \u00b7 " + DurationText.format(rest)));
        }
        double scale = ranMillis > r.durationMillis() && ranMillis > 0 ? (double) r.durationMillis() / ranMillis : 1;
        for (StepRecord s : ran) {
            StepAnalysis.Verdict v = StepAnalysis.verdict(r, s);
            out.add(new Segment(Math.round(s.durationMillis() * scale), StepBreakdownChart.color(v),
                    who + TrendSeries.escape(StepBreakdownChart.shorten(s.name())) + "<br>" + v.label() + " \u00b7 "
                            + DurationText.format(s.durationMillis()) + StepBreakdownChart.errorLine(s)));
        }
        return out;
    }
}
