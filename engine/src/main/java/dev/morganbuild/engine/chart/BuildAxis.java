package dev.morganbuild.engine.chart;

import dev.morganbuild.engine.history.BuildSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The x axis of the trend charts: one category per build (a Jenkins build number, a CLI run), in the
 * order the builds first appear, cut to the last {@code lastN}. Every service of one build sits on the
 * same category, so a click opens that build.
 *
 * @param builds   category labels, oldest first
 * @param shown    the summaries of those builds, oldest first
 * @param positions each build's position on the axis
 */
record BuildAxis(List<String> builds, List<BuildSummary> shown, Map<String, Integer> positions) {

    static BuildAxis of(List<BuildSummary> oldestFirst, Function<BuildSummary, String> build, int lastN) {
        Set<String> all = new LinkedHashSet<>();
        oldestFirst.forEach(s -> all.add(build.apply(s)));
        List<String> list = new ArrayList<>(all);
        List<String> kept = list.subList(Math.max(0, list.size() - Math.max(0, lastN)), list.size());
        Set<String> keep = Set.copyOf(kept);
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            positions.put(kept.get(i), i);
        }
        return new BuildAxis(List.copyOf(kept),
                oldestFirst.stream().filter(s -> keep.contains(build.apply(s))).toList(), positions);
    }

    /** Position of a shown build on the axis. */
    int index(String buildLabel) {
        return positions.get(buildLabel);
    }
}
