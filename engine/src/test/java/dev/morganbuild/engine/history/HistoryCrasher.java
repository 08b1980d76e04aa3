package dev.morganbuild.engine.history;

import dev.morganbuild.engine.record.BuildRecord;
import java.nio.file.Path;

/**
 * Child-JVM main for the crash test: appends records to a history until it is killed, printing
 * {@code acked <id>} only after {@link HistoryStore#append} returned for that record.
 */
public final class HistoryCrasher {
    public static void main(String[] args) throws Exception {
        HistoryStore store = new HistoryStore(Path.of(args[0]));
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        for (int i = 0; i < limit; i++) {
            BuildRecord r = Records.record(args[1], i);
            store.append(r);
            System.out.println("acked " + r.id());
            System.out.flush();
        }
    }
}
