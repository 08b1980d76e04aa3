package dev.morganbuild.engine.history;

import java.nio.file.Path;

/** Child-JVM main: appends N records for a service, printing the count after each append returned. */
public final class HistoryAppender {
    public static void main(String[] args) throws Exception {
        HistoryStore store = new HistoryStore(Path.of(args[0]));
        int n = Integer.parseInt(args[1]);
        for (int i = 0; i < n; i++) {
            store.append(Records.record(args[2], i));
            System.out.println("appended " + (i + 1));
            System.out.flush();
        }
    }
}
