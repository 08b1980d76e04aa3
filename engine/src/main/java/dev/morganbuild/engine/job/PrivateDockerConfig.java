package dev.morganbuild.engine.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@code DOCKER_CONFIG} for one build that holds the given registry logins: a folder of mode 0700 in
 * the build's scratch folder (deleted with it, on success, failure and interrupt) with a
 * {@code config.json} of mode 0600. The config is the user's own (proxies, current context, plugin
 * settings kept) with, for each given registry, the login's {@code auth} in place of whatever
 * {@code auths}, {@code credHelpers} or {@code credsStore} said for it. The user's other folders
 * ({@code cli-plugins}, {@code contexts}, {@code buildx}, ...) are linked, so plugins, contexts and
 * builders are the user's. The user's config is never written.
 */
final class PrivateDockerConfig {
    static final String FOLDER = "docker-config";

    private PrivateDockerConfig() {
    }

    /**
     * Makes the config under {@code scratch} and returns its folder.
     *
     * @param env         the build's environment: its {@code DOCKER_CONFIG}, else {@code $HOME/.docker}, is the user's config
     * @param onlyTheLogins true when the build is not the machine user's own (a Jenkins branch): the user's stored
     *                    logins ({@code auths}, {@code credsStore}, {@code credHelpers}) are left out, so that the
     *                    build reaches only the registries it was given credentials for, as docker-commons'
     *                    registry key material does; proxies, context and plugins stay the user's
     */
    static Path create(Path scratch, Map<String, String> env, List<RegistryLogin> logins, boolean onlyTheLogins)
            throws IOException {
        Path user = userConfig(env);
        Path dir = scratch.resolve(FOLDER);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(dir);
        }
        ObjectNode userConfig = read(user.resolve("config.json"));
        ObjectNode config = onlyTheLogins ? withoutStoredLogins(userConfig, logins) : merged(userConfig, logins);
        Path file = dir.resolve("config.json");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out, config);
        }
        link(user, dir);
        return dir;
    }

    /** The folder the docker client reads its config from in {@code env}. */
    static Path userConfig(Map<String, String> env) {
        String configured = env.get("DOCKER_CONFIG");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".docker");
    }

    /**
     * {@code user}'s config with each login's registry taken from the login only. A {@code credsStore}
     * would answer for every registry, the given ones too, so it goes; the registries {@code docker
     * login} put in it (the empty {@code auths} entries it leaves) keep it as their {@code credHelpers}.
     */
    static ObjectNode merged(ObjectNode user, List<RegistryLogin> logins) {
        ObjectNode config = user.deepCopy();
        ObjectNode auths = object(config, "auths");
        ObjectNode helpers = object(config, "credHelpers");
        JsonNode store = config.remove("credsStore");
        if (store != null && store.isTextual() && !store.asText().isBlank()) {
            for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
                String registry = it.next();
                if (!helpers.has(registry)) {
                    helpers.put(registry, store.asText());
                }
            }
        }
        for (RegistryLogin l : logins) {
            for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
                if (l.registry().equals(RegistryLogin.configKey(it.next()))) {
                    it.remove(); // "https://127.0.0.1:5000" and "127.0.0.1:5000" are one registry to docker
                }
            }
            for (Iterator<String> it = helpers.fieldNames(); it.hasNext(); ) {
                if (l.registry().equals(RegistryLogin.configKey(it.next()))) {
                    it.remove();
                }
            }
            auths.putObject(l.registry()).put("auth", l.auth());
        }
        if (helpers.isEmpty()) {
            config.remove("credHelpers");
        }
        return config;
    }

    /** {@code user}'s config with no login but the given ones: no {@code auths} of its own, no store, no helpers. */
    static ObjectNode withoutStoredLogins(ObjectNode user, List<RegistryLogin> logins) {
        ObjectNode config = user.deepCopy();
        config.remove(List.of("auths", "credsStore", "credHelpers"));
        ObjectNode auths = config.putObject("auths");
        for (RegistryLogin l : logins) {
            auths.putObject(l.registry()).put("auth", l.auth());
        }
        return config;
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        return n instanceof ObjectNode o ? o : parent.putObject(field);
    }

    private static ObjectNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Json.mapper().createObjectNode();
        }
        try {
            JsonNode n = Json.mapper().readTree(file.toFile());
            if (n == null || n.isMissingNode() || n.isNull()) {
                return Json.mapper().createObjectNode();
            }
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // refused below, without Jackson's message: it may quote the file's secrets
        }
        throw new MorganException(file.toString(), 0, 0, "the docker client's config is not a JSON object, so the "
                + "registry credentials cannot be added to it", "fix or move the file (docker cannot read it either)");
    }

    /**
     * Links every entry of the user's config folder but {@code config.json}: what buildx, plugins or
     * contexts write there during the build lands in the user's folders, as it would without us.
     */
    private static void link(Path user, Path dir) throws IOException {
        if (!Files.isDirectory(user)) {
            return;
        }
        try (Stream<Path> entries = Files.list(user)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.equals("config.json")) {
                    Files.createSymbolicLink(dir.resolve(name), entry.toAbsolutePath());
                }
            }
        }
    }
}
