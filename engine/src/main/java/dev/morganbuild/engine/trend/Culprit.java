package dev.morganbuild.engine.trend;

import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Names the step behind a slowdown: the first whose cache status flipped, else the one that grew most. */
final class Culprit {
    private static final java.util.regex.Pattern STAGE_PREFIX = java.util.regex.Pattern.compile("^\\[[^\\]]*\\]\\s*");
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private Culprit() {
    }

    static String find(List<BuildRecord> baseline, BuildRecord regressed) {
        if (regressed == null || baseline.isEmpty()) {
            return null;
        }
        Map<String, int[]> cachedCount = new LinkedHashMap<>();
        Map<String, long[]> times = new LinkedHashMap<>();
        for (BuildRecord r : baseline) {
            for (StepRecord s : r.steps()) {
                if (s.isBuildStep()) {
                    cachedCount.computeIfAbsent(key(s), k -> new int[1])[0] += s.cached() ? 1 : 0;
                    times.merge(key(s), new long[] {s.durationMillis()}, Culprit::concat);
                }
            }
        }
        for (StepRecord s : regressed.steps()) {
            int[] c = cachedCount.get(key(s));
            if (s.isBuildStep() && !s.cached() && c != null && c[0] * 2 > baseline.size()) {
                return "cache flip at step '" + key(s) + "' (cached before, rebuilt now)";
            }
        }
        String worst = null;
        long worstGrowth = 0;
        long worstBefore = 0;
        long worstNow = 0;
        for (StepRecord s : regressed.steps()) {
            long[] before = times.get(key(s));
            if (!s.isBuildStep() || before == null) {
                continue;
            }
            long median = TrendCalculator.percentile(before, 50);
            if (s.durationMillis() - median > worstGrowth) {
                worstGrowth = s.durationMillis() - median;
                worst = key(s);
                worstBefore = median;
                worstNow = s.durationMillis();
            }
        }
        return worst == null ? null : String.format(Locale.ROOT, "step '%s' grew most: %s -> %s", worst,
                DurationText.format(worstBefore),
                DurationText.format(worstNow));
    }

    /** The step without BuildKit's "[stage k/n]" prefix, whitespace collapsed: stable across builds. */
    static String key(StepRecord s) {
        return SPACES.matcher(STAGE_PREFIX.matcher(s.name()).replaceFirst("")).replaceAll(" ").trim();
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
