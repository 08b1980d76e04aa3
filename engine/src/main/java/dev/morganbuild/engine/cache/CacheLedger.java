package dev.morganbuild.engine.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.morganbuild.engine.text.IsoInstant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The cache root's small ledger ({@code ledger.json}): per service size, last use and owner, and the
 * last prune. Changed only under the root lock and written atomically (temporary file, fsync,
 * rename), so readers never see half a ledger. A missing or corrupted ledger is rebuilt from the
 * directories with a warning, never a failure.
 */
public final class CacheLedger {
    private CacheLedger() {
    }

    /**
     * @param services  entries by service name
     * @param lastPrune when a prune last removed caches, or null
     * @param warnings  problems met while reading
     */
    public record Contents(Map<String, LedgerEntry> services, Instant lastPrune, List<String> warnings) {
    }

    /** Records a build's use of a service cache: size now, time, owner; returns what was wrong with the ledger read. */
    public static List<String> touch(CacheRoot root, String service, String owner, Instant when) throws InterruptedException {
        try (CacheLock ignored = CacheLock.acquireRoot(root, owner)) {
            Contents c = read(root);
            Map<String, LedgerEntry> services = new TreeMap<>(c.services());
            services.put(service, new LedgerEntry(service, DirectorySize.of(root.serviceDir(service)), when, owner));
            write(root, new Contents(services, c.lastPrune(), List.of()));
            return c.warnings();
        }
    }

    /** Reads the ledger; call under the root lock when the result will be written back. */
    public static Contents read(CacheRoot root) {
        Path file = root.ledgerFile();
        List<String> warnings = new ArrayList<>();
        Map<String, LedgerEntry> services = new TreeMap<>();
        Instant lastPrune = null;
        if (Files.exists(file)) {
            try {
                Map<String, LedgerEntry> noted = new java.util.LinkedHashMap<>();
                lastPrune = parse(Files.readAllBytes(file), noted);
                for (LedgerEntry e : noted.values()) {
                    if (!CacheRoot.isCacheName(e.service())) {
                        // written by something else: never let it name a folder to measure or delete
                        warnings.add("cache ledger " + file + " names '" + e.service() + "', which cannot be a "
                                + "service cache; ignored");
                        continue;
                    }
                    services.put(e.service(), e);
                }
            } catch (IOException | RuntimeException e) {
                warnings.add("cache ledger " + file + " was unreadable (" + e.getMessage().lines().findFirst().orElse("")
                        + "); rebuilt from the cache directories");
                services.clear();
                lastPrune = null;
            }
        }
        // directories the ledger does not know (new, or the ledger was lost)
        if (Files.isDirectory(root.servicesDir())) {
            try (Stream<Path> dirs = Files.list(root.servicesDir())) {
                dirs.filter(Files::isDirectory).forEach(d -> services.computeIfAbsent(d.getFileName().toString(),
                        s -> new LedgerEntry(s, DirectorySize.of(d), lastModified(d), null)));
            } catch (IOException e) {
                warnings.add("cannot list " + root.servicesDir() + ": " + e.getMessage());
            }
        }
        return new Contents(services, lastPrune, warnings);
    }

    // Jackson's streaming parser and generator, not the data binder: every build reads and writes the
    // ledger, and in a one-shot CLI call building an object mapper costs more than a warm build takes.
    private static final JsonFactory JSON = new JsonFactory();

    /** Reads the ledger's JSON into {@code services}; returns its lastPrune. */
    private static Instant parse(byte[] bytes, Map<String, LedgerEntry> services) throws IOException {
        Instant lastPrune = null;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("lastPrune") && value == JsonToken.VALUE_STRING) {
                    lastPrune = IsoInstant.parse(p.getText());
                } else if (field.equals("services") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String service = p.currentName();
                        if (CacheRoot.isCacheName(service)) {
                            services.put(service, entry(service, p));
                        } else { // noted by name only: the caller warns and ignores it, whatever its value
                            p.nextToken();
                            p.skipChildren();
                            services.put(service, new LedgerEntry(service, 0, null, null));
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return lastPrune;
    }

    private static LedgerEntry entry(String service, JsonParser p) throws IOException {
        long size = 0;
        Instant lastUse = null;
        String owner = null;
        if (p.nextToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new LedgerEntry(service, 0, null, null);
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "sizeBytes" -> size = value.isNumeric() ? p.getLongValue() : 0;
                case "lastUse" -> lastUse = value == JsonToken.VALUE_STRING ? IsoInstant.parse(p.getText()) : null;
                case "owner" -> owner = value == JsonToken.VALUE_STRING ? p.getText() : null;
                default -> p.skipChildren();
            }
        }
        return new LedgerEntry(service, size, lastUse, owner);
    }

    private static byte[] json(Contents c) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            if (c.lastPrune() != null) {
                g.writeStringField("lastPrune", c.lastPrune().toString());
            }
            g.writeObjectFieldStart("services");
            for (LedgerEntry e : c.services().values()) {
                g.writeObjectFieldStart(e.service());
                g.writeNumberField("sizeBytes", e.sizeBytes());
                if (e.lastUse() != null) {
                    g.writeStringField("lastUse", IsoInstant.format(e.lastUse()));
                }
                if (e.owner() != null) {
                    g.writeStringField("owner", e.owner());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    static void write(CacheRoot root, Contents c) {
        Path file = root.ledgerFile();
        Path tmp = file.resolveSibling("ledger.json." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(root.root());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(json(c)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cache ledger " + file, e);
        }
    }

    private static Instant lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return null;
        }
    }
}
