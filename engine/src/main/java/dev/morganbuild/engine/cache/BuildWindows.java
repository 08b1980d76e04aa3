package dev.morganbuild.engine.cache;

import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.record.BuildRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The recent build windows of a history, for attribution and the forecast. */
public final class BuildWindows {
    /** Builds per service read from the history. */
    static final int PER_SERVICE = CacheForecast.WINDOW;

    private BuildWindows() {
    }

    /** The last builds of every service, oldest first; empty when the history cannot be read. */
    public static List<BuildWindow> recent(HistoryStore history) {
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
}
