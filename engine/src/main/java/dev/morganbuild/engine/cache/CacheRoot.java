package dev.morganbuild.engine.cache;

import dev.morganbuild.engine.MorganException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A machine's cache root: {@code services/<name>/} per service, {@code ledger.json}, {@code locks/}.
 *
 * @param root the root directory (absolute)
 */
public record CacheRoot(Path root) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    public CacheRoot {
        root = root.toAbsolutePath().normalize();
    }

    /** {@code $MORGAN_CACHE_ROOT}, else {@code $XDG_CACHE_HOME/morgan-build}, else {@code ~/.cache/morgan-build}. */
    public static Path defaultRoot(Map<String, String> env) {
        String configured = env.get("MORGAN_CACHE_ROOT");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "morgan-build");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "morgan-build");
    }

    Path servicesDir() {
        return root.resolve("services");
    }

    /** Whether {@code service} can name a folder under {@link #servicesDir()} (no separators, no '..'). */
    static boolean isCacheName(String service) {
        return service != null && NAME.matcher(service).matches() && !service.contains("..");
    }

    public Path serviceDir(String service) {
        if (!isCacheName(service)) {
            throw MorganException.of("'" + service + "' cannot name a cache directory",
                    "service names are letters, digits, '_', '.', '-', starting with a letter or digit");
        }
        return servicesDir().resolve(service);
    }

    /**
     * Refuses a {@code services} folder that is a symbolic link: caches are created, measured and
     * deleted below it, which must never happen in the folder it points to.
     */
    void refuseLinkedServicesDir() {
        if (Files.isSymbolicLink(servicesDir())) {
            String target;
            try {
                target = String.valueOf(Files.readSymbolicLink(servicesDir()));
            } catch (IOException e) {
                target = "?";
            }
            throw MorganException.host("the cache folder " + servicesDir() + " is a symbolic link (to " + target
                    + "); morgan-build creates and deletes caches below it and will not do so through a link",
                    "remove the link (rm " + servicesDir() + "); morgan-build recreates the folder, or set another "
                            + "cache root");
        }
    }

    public Path ledgerFile() {
        return root.resolve("ledger.json");
    }

    Path locksDir() {
        return root.resolve("locks");
    }

    /**
     * Makes sure the service's cache directory exists; when it had vanished or was replaced by
     * something else (a file, a dangling link), recreates it and returns a warning.
     */
    public Optional<String> ensureServiceDir(String service) {
        refuseLinkedServicesDir();
        Path dir = serviceDir(service);
        try {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            boolean existedBefore = Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
            if (existedBefore) {
                Files.delete(dir);
            }
            Files.createDirectories(dir);
            boolean knew = Files.exists(ledgerFile()) && Files.readString(ledgerFile()).contains("\"" + service + "\"");
            return existedBefore || knew
                    ? Optional.of("cache directory of " + service + " was missing or damaged; recreated " + dir)
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create cache directory " + dir, e);
        }
    }
}
