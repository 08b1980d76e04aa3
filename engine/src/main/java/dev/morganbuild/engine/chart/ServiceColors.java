package dev.morganbuild.engine.chart;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One colour per service, the same on every chart: each service prefers the palette entry its name
 * hashes to; services that collide take the next free entry, in name order. A stack's pages all see
 * the same set of services, so a service keeps its colour on the job page, the trend page and in the
 * report. Beyond {@link #PALETTE}'s size colours repeat.
 */
final class ServiceColors {
    /** Twelve colours that stay apart on white, none of them the red of regression and failure marks. */
    static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b",
            "#e377c2", "#bcbd22", "#17becf", "#393b79", "#e7ba52", "#00897b", "#252525");

    private ServiceColors() {
    }

    static Map<String, String> assign(Collection<String> services) {
        boolean[] taken = new boolean[PALETTE.size()];
        int free = PALETTE.size();
        Map<String, String> out = new LinkedHashMap<>();
        for (String service : new TreeSet<>(services)) {
            int i = Math.floorMod(service.hashCode(), PALETTE.size());
            if (free == 0) {
                java.util.Arrays.fill(taken, false);
                free = PALETTE.size();
            }
            while (taken[i]) {
                i = (i + 1) % PALETTE.size();
            }
            taken[i] = true;
            free--;
            out.put(service, PALETTE.get(i));
        }
        return out;
    }
}
