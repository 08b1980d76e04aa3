package dev.morganbuild.engine.cache;

import dev.morganbuild.engine.text.IsoInstant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An exclusive lock on one cache (a service's, or the root's ledger), across processes and threads.
 * File locks exclude other processes; they are held per JVM, so a semaphore per lock file also
 * excludes other threads of this JVM. The holder writes who it is into the lock file, so a waiting
 * build can say whom it waits for.
 */
public final class CacheLock implements AutoCloseable {
    private static final Map<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();
    /** Holders inside this JVM. Never read their lock file instead: on Linux, closing any descriptor of
     * a file drops this process's lock on it. */
    private static final Map<Path, String> OWNERS = new ConcurrentHashMap<>();
    private static final String ROOT_LOCK = ".root";

    private final Semaphore semaphore;
    private final FileChannel channel;
    private final FileLock lock;

    private final Path file;
    private boolean closed;

    private CacheLock(Path file, String owner, Semaphore semaphore, FileChannel channel, FileLock lock) {
        this.file = file;
        this.semaphore = semaphore;
        this.channel = channel;
        this.lock = lock;
        OWNERS.put(file, owner);
    }

    /** Waits (up to {@code timeout}) for the service's cache; {@code waiting} hears once whom it waits for. */
    public static CacheLock acquire(CacheRoot root, String service, String owner, Duration timeout,
                                    Consumer<String> waiting) throws InterruptedException {
        return acquire(file(root, service), service, owner, timeout, waiting);
    }

    /** The root's lock, held briefly around ledger updates and pruning decisions. */
    static CacheLock acquireRoot(CacheRoot root, String owner) throws InterruptedException {
        return acquire(file(root, ROOT_LOCK), "cache root", owner, Duration.ofMinutes(5), m -> { });
    }

    /** The service's lock if nobody holds it, else empty (prune uses this: a cache in use is never removed). */
    static Optional<CacheLock> tryAcquire(CacheRoot root, String service, String owner) {
        Path file = file(root, service);
        Semaphore sem = IN_JVM.computeIfAbsent(file, f -> new Semaphore(1));
        if (!sem.tryAcquire()) {
            return Optional.empty();
        }
        try {
            FileChannel ch = open(file);
            FileLock l = tryLock(ch);
            if (l == null) {
                ch.close();
                sem.release();
                return Optional.empty();
            }
            writeOwner(ch, owner);
            return Optional.of(new CacheLock(file, owner, sem, ch, l));
        } catch (IOException | RuntimeException e) {
            sem.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static CacheLock acquire(Path file, String what, String owner, Duration timeout, Consumer<String> waiting)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore sem = IN_JVM.computeIfAbsent(file, f -> new Semaphore(1));
        boolean told = false;
        if (!sem.tryAcquire()) {
            waiting.accept("waiting for " + OWNERS.getOrDefault(file, "another build") + " to release the cache of " + what);
            told = true;
            if (!sem.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("timed out waiting for the cache lock of " + what);
            }
        }
        try {
            FileChannel ch = open(file);
            while (true) {
                FileLock l = tryLock(ch);
                if (l != null) {
                    writeOwner(ch, owner);
                    return new CacheLock(file, owner, sem, ch, l);
                }
                if (!told) {
                    waiting.accept("waiting for " + holder(file) + " to release the cache of " + what);
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    ch.close();
                    throw new IllegalStateException("timed out waiting for the cache lock of " + what);
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            sem.release();
            throw new UncheckedIOException(e);
        } catch (InterruptedException | RuntimeException e) {
            sem.release();
            throw e;
        }
    }

    private static Path file(CacheRoot root, String name) {
        if (!name.equals(ROOT_LOCK)) {
            root.serviceDir(name); // validates the name
        }
        return root.locksDir().resolve(name + ".lock");
    }

    private static FileChannel open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /**
     * Writes who holds the lock as a fixed-size, space-padded record over the old one: no truncate,
     * which on ext4 waits for a journal commit and cost more than the rest of a warm build's bookkeeping.
     */
    private static void writeOwner(FileChannel ch, String owner) throws IOException {
        byte[] text = (owner + " since " + IsoInstant.format(Instant.now())).getBytes(StandardCharsets.UTF_8);
        byte[] record = new byte[Math.max(OWNER_RECORD_BYTES, text.length)];
        java.util.Arrays.fill(record, (byte) ' ');
        System.arraycopy(text, 0, record, 0, text.length);
        ch.write(ByteBuffer.wrap(record), 0);
        if (ch.size() > record.length) {
            ch.truncate(record.length);
        }
    }

    private static final int OWNER_RECORD_BYTES = 256;

    /** Only called while this JVM holds no lock on the file (see {@link #OWNERS}). */
    private static String holder(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? "another build" : s;
        } catch (IOException e) {
            return "another build";
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OWNERS.remove(file);
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            semaphore.release();
        }
    }
}
