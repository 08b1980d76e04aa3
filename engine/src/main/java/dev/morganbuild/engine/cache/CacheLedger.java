package dev.morganbuild.engine.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
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
                JsonNode json = Json.mapper().readTree(file.toFile());
                lastPrune = instant(json.path("lastPrune"));
                for (Iterator<Map.Entry<String, JsonNode>> it = json.path("services").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!CacheRoot.isCacheName(e.getKey())) {
                        // written by something else: never let it name a folder to measure or delete
                        warnings.add("cache ledger " + file + " names '" + e.getKey() + "', which cannot be a "
                                + "service cache; ignored");
                        continue;
                    }
                    JsonNode n = e.getValue();
                    services.put(e.getKey(), new LedgerEntry(e.getKey(), n.path("sizeBytes").asLong(0),
                            instant(n.path("lastUse")), n.path("owner").isTextual() ? n.path("owner").asText() : null));
                }
                if (!json.isObject()) {
                    throw new IOException("not a JSON object");
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

    static void write(CacheRoot root, Contents c) {
        ObjectNode json = Json.mapper().createObjectNode();
        if (c.lastPrune() != null) {
            json.put("lastPrune", c.lastPrune().toString());
        }
        ObjectNode services = json.putObject("services");
        c.services().values().forEach(e -> {
            ObjectNode n = services.putObject(e.service());
            n.put("sizeBytes", e.sizeBytes());
            if (e.lastUse() != null) {
                n.put("lastUse", e.lastUse().toString());
            }
            if (e.owner() != null) {
                n.put("owner", e.owner());
            }
        });
        Path file = root.ledgerFile();
        Path tmp = file.resolveSibling("ledger.json." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(root.root());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cache ledger " + file, e);
        }
    }

    private static Instant instant(JsonNode n) {
        return n.isTextual() ? Instant.parse(n.asText()) : null;
    }

    private static Instant lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return null;
        }
    }
}
