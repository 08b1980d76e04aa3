package dev.morganbuild.engine.history;

import java.util.List;

/**
 * What the last scan of the history log found.
 *
 * @param recordsRead  valid records seen by the scan
 * @param skipped      torn or corrupted lines skipped
 * @param warnings     one line per skipped line (where, why)
 */
public record ReadReport(int recordsRead, int skipped, List<String> warnings) {
    public ReadReport {
        warnings = List.copyOf(warnings);
    }
}
