package dev.morganbuild.engine.history;

import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Append-only build history of one machine or job: {@code records.log} holds every record as a
 * checksummed JSON line, fsynced before {@link #append} returns, so a record whose append returned
 * survives a crash. {@code index.bin} (fixed-size {@link IndexEntry}s) and {@code services.txt} are a
 * derived index that trend queries read instead of the JSON; whenever it lags the log (a crash between
 * the two writes, another process appended) it is caught up from the log, and rebuilt when damaged.
 * Appends from several threads and processes are serialised by a lock file. Torn or corrupted lines
 * are skipped and reported ({@link #lastReport()}), never fatal.
 */
public final class HistoryStore {
    private static final ReentrantLock IN_JVM = new ReentrantLock();

    private final Path dir;
    private final Path log;
    private final Path index;
    private final Path lockFile;
    private final Path damageFile;
    private final ServiceTable services;
    private volatile ReadReport lastReport = new ReadReport(0, 0, List.of());

    public HistoryStore(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create history folder " + dir, e);
        }
        this.dir = dir;
        this.log = dir.resolve("records.log");
        this.index = dir.resolve("index.bin");
        this.lockFile = dir.resolve(".lock");
        this.damageFile = dir.resolve("damaged.txt");
        this.services = new ServiceTable(dir.resolve("services.txt"));
    }

    /** The folder the history lives in. */
    public Path directory() {
        return dir;
    }

    /** Appends a record durably, then indexes it. */
    public void append(BuildRecord record) throws IOException {
        byte[] json = RecordLine.json(record);
        byte[] line = LogLine.encode(json);
        withLock(() -> {
            syncIndex();
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                long end = ch.size();
                if (end > 0 && !endsWithNewline(ch, end)) {
                    // a torn line from a crash: close it so this record starts on its own line
                    ch.write(ByteBuffer.wrap(new byte[] {'\n'}), end);
                    end++;
                }
                ch.write(ByteBuffer.wrap(line), end);
                ch.force(false);
                appendIndex(IndexEntry.of(record, end, line.length, services.idOf(record.service())));
            }
            return null;
        });
    }

    /** Summaries of the last {@code lastN} builds of all services, oldest first; reads only the index. */
    public List<BuildSummary> summaries(int lastN) throws IOException {
        return summaries(null, lastN);
    }

    /** Summaries of the last {@code lastN} builds of one service (null: all), oldest first. */
    public List<BuildSummary> summaries(String service, int lastN) throws IOException {
        List<IndexEntry> entries = withLock(() -> {
            return syncIndex(true);
        });
        List<String> names = services.names();
        int wanted = service == null ? -1 : names.indexOf(service);
        if (service != null && wanted < 0) {
            return List.of();
        }
        List<BuildSummary> out = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0 && out.size() < lastN; i--) {
            IndexEntry e = entries.get(i);
            if (wanted < 0 || e.serviceId() == wanted) {
                out.add(e.summary(names.get(e.serviceId())));
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** The full record behind a summary, or empty when its line is unreadable. */
    public Optional<BuildRecord> record(BuildSummary s) {
        if (s.offset() < 0) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(64 * 1024);
            long pos = s.offset();
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            while (true) {
                head.clear();
                int n = ch.read(head, pos);
                if (n <= 0) {
                    return Optional.empty();
                }
                for (int i = 0; i < n; i++) {
                    if (head.get(i) == '\n') {
                        line.write(head.array(), 0, i);
                        byte[] bytes = line.toByteArray();
                        byte[] json = LogLine.decode(bytes, bytes.length);
                        return json == null ? Optional.empty()
                                : Optional.of(Json.mapper().readValue(json, BuildRecord.class));
                    }
                }
                line.write(head.array(), 0, n);
                pos += n;
                if (line.size() > LogScanner.MAX_LINE_BYTES) {
                    return Optional.empty(); // not a record: damage, or an offset that points into one
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last {@code lastN} full records of a service, oldest first. */
    public List<BuildRecord> records(String service, int lastN) throws IOException {
        List<BuildRecord> out = new ArrayList<>();
        for (BuildSummary s : summaries(service, lastN)) {
            record(s).ifPresent(out::add);
        }
        return out;
    }

    public List<String> services() throws IOException {
        withLock(() -> {
            syncIndex();
            return null;
        });
        return services.names();
    }

    /** What the last catch-up scan of the log skipped (torn tail, corrupted lines). */
    public ReadReport lastReport() {
        return lastReport;
    }

    /**
     * Every damaged line of the log that any scan has skipped (so far as this history's index
     * knows): how many, and where. Scans write them down as they find them, so a later process that
     * reads only the index still reports them.
     */
    public ReadReport damage() throws IOException {
        return withLock(() -> {
            syncIndex();
            if (!Files.exists(damageFile)) {
                return new ReadReport(0, 0, List.of());
            }
            List<String> lines = Files.readAllLines(damageFile, java.nio.charset.StandardCharsets.UTF_8).stream()
                    .map(l -> l.substring(l.indexOf('\t') + 1)).toList();
            int count = lines.size();
            List<String> shown = new ArrayList<>(lines.subList(0, Math.min(count, LogScanner.MAX_WARNINGS)));
            if (count > shown.size()) {
                shown.add("... and " + (count - shown.size()) + " more damaged lines skipped");
            }
            return new ReadReport(0, count, shown);
        });
    }

    /** Brings the index up to the log: catches up the tail, or rebuilds it when it does not fit. */
    private void syncIndex() throws IOException {
        syncIndex(false);
    }

    /**
     * Catches the index up with the log, or rebuilds it when it does not fit. Appends look at the
     * index's last entry only (constant time however long the history); readers, who need every
     * entry anyway, check them all. Returns the entries when {@code wantEntries}, else null.
     */
    private List<IndexEntry> syncIndex(boolean wantEntries) throws IOException {
        long logSize = Files.exists(log) ? Files.size(log) : 0;
        long indexSize = Files.exists(index) ? Files.size(index) : 0;
        int known = services.size();
        boolean damaged = indexSize % IndexEntry.SIZE != 0;
        List<IndexEntry> entries = null;
        long indexedEnd = 0;
        if (!damaged && indexSize > 0) {
            IndexEntry last;
            if (wantEntries) {
                entries = readIndex();
                last = last(entries);
                damaged = entries.stream().anyMatch(e -> e.serviceId() < 0 || e.serviceId() >= known);
            } else {
                last = readLastEntry(indexSize);
                damaged = last.serviceId() < 0 || last.serviceId() >= known;
            }
            indexedEnd = last.offset() + last.length();
            damaged |= indexedEnd > logSize;
        }
        if (damaged) {
            Files.deleteIfExists(index);
            Files.deleteIfExists(damageFile); // the rescan finds the damage again
            services.reset();
            indexedEnd = 0;
            entries = null;
        }
        if (logSize > indexedEnd) {
            LogScanner.Result scan = LogScanner.scan(log, indexedEnd, (record, offset, length) ->
                    appendIndex(IndexEntry.of(record, offset, length, services.idOf(record.service()))));
            lastReport = scan.report();
            noteDamage(scan.damagedLines());
            entries = null;
        }
        return wantEntries ? (entries != null ? entries : readIndex()) : null;
    }

    /**
     * Notes damaged lines not noted before, one per byte offset: a torn tail is seen by every scan
     * until a later append closes it, and then once more as a damaged line at the same offset.
     */
    private void noteDamage(java.util.Map<Long, String> found) throws IOException {
        if (found.isEmpty()) {
            return;
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        if (Files.exists(damageFile)) {
            for (String l : Files.readAllLines(damageFile, java.nio.charset.StandardCharsets.UTF_8)) {
                known.add(l.substring(0, Math.max(0, l.indexOf('\t'))));
            }
        }
        List<String> fresh = new ArrayList<>();
        found.forEach((offset, text) -> {
            if (known.add(Long.toString(offset))) {
                fresh.add(offset + "\t" + text.replace('\n', ' '));
            }
        });
        if (!fresh.isEmpty()) {
            Files.write(damageFile, fresh, java.nio.charset.StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private IndexEntry readLastEntry(long indexSize) throws IOException {
        try (FileChannel ch = FileChannel.open(index, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(IndexEntry.SIZE);
            while (b.hasRemaining()) {
                if (ch.read(b, indexSize - IndexEntry.SIZE + b.position()) < 0) {
                    throw new IOException("index shorter than its size");
                }
            }
            b.flip();
            return IndexEntry.read(b);
        }
    }

    private void appendIndex(IndexEntry e) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(IndexEntry.SIZE);
        e.write(b);
        b.flip();
        try (FileChannel ch = FileChannel.open(index, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(b);
        }
    }

    private List<IndexEntry> readIndex() throws IOException {
        if (!Files.exists(index)) {
            return List.of();
        }
        byte[] bytes = Files.readAllBytes(index);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        List<IndexEntry> out = new ArrayList<>(bytes.length / IndexEntry.SIZE);
        while (b.remaining() >= IndexEntry.SIZE) {
            out.add(IndexEntry.read(b));
        }
        return out;
    }

    private static IndexEntry last(List<IndexEntry> entries) {
        return entries.get(entries.size() - 1);
    }

    private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, size - 1);
        return one.get(0) == '\n';
    }

    private interface Locked<T> {
        T run() throws IOException;
    }

    /** In-JVM lock plus a file lock, so threads and processes take turns. */
    private <T> T withLock(Locked<T> body) throws IOException {
        IN_JVM.lock();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            return body.run();
        } finally {
            IN_JVM.unlock();
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
