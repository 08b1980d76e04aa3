package dev.morganbuild.cli;

import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.history.ReadReport;
import java.io.IOException;
import java.io.PrintStream;

/** Says how many damaged history lines were skipped, and where, after a build or a report. */
final class HistoryWarnings {
    private HistoryWarnings() {
    }

    static void print(HistoryStore history, PrintStream out) throws IOException {
        ReadReport damage = history.damage();
        if (damage.skipped() == 0) {
            return;
        }
        out.println("warning: " + damage.skipped() + " damaged line" + (damage.skipped() == 1 ? "" : "s")
                + " of the build history skipped (trends leave them out):");
        damage.warnings().forEach(w -> out.println("  " + w));
    }
}
