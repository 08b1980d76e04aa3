package dev.morganbuild.engine.cache;

import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.record.BuildRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The recent build windows of a history, for attribution and the forecast. */
public final class BuildWindows {
    /** Builds per service read from the history. */
    static final int PER_SERVICE = CacheForecast.WINDOW;

    private BuildWindows() {
    }

    /** The last builds of every service, oldest first; empty when the history cannot be read. */
    static List<BuildWindow> recent(HistoryStore history) {
        List<BuildWindow> out = new ArrayList<>();
        try {
            for (String service : history.services()) {
                for (BuildRecord r : history.records(service, PER_SERVICE)) {
                    BuildWindow w = BuildWindow.of(r);
                    if (w != null) {
                        out.add(w);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // attribution is best effort: without a history it says "unknown"
        }
        out.sort(Comparator.comparing(BuildWindow::start));
        return out;
    }

    /**
     * The last builds of every service among records from anywhere (a Jenkins controller's build
     * folders, in any order), oldest first: the same window per service as a history gives.
     */
    public static List<BuildWindow> recent(Collection<BuildRecord> records) {
        Map<String, List<BuildWindow>> byService = new LinkedHashMap<>();
        for (BuildRecord r : records) {
            BuildWindow w = BuildWindow.of(r);
            if (w != null) {
                byService.computeIfAbsent(w.service(), k -> new ArrayList<>()).add(w);
            }
        }
        List<BuildWindow> out = new ArrayList<>();
        for (List<BuildWindow> ws : byService.values()) {
            ws.sort(Comparator.comparing(BuildWindow::start).reversed());
            out.addAll(ws.subList(0, Math.min(PER_SERVICE, ws.size())));
        }
        out.sort(Comparator.comparing(BuildWindow::start));
        return out;
    }
}
