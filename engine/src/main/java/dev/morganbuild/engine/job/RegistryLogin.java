package dev.morganbuild.engine.job;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Credentials for one registry, handed to the docker client through a private {@code DOCKER_CONFIG}
 * for one build (never on a command line). Made by {@link RegistryCredentialsFile}; {@link #toString()}
 * never shows the password.
 *
 * @param registry the registry as docker's config keys it: {@code host[:port]}, or
 *                 {@code https://index.docker.io/v1/} for Docker Hub (see {@link #configKey})
 * @param username the user name
 * @param password the password or access token
 */
public record RegistryLogin(String registry, String username, String password) implements Serializable {
    /** The key docker's config uses for Docker Hub, whatever name it was given. */
    public static final String DOCKER_HUB = "https://index.docker.io/v1/";
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+])(?::[0-9]{1,5})?");

    public RegistryLogin {
        Objects.requireNonNull(registry, "registry");
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a registry login needs a user name and a password");
        }
    }

    /**
     * The key under which docker's config keeps the credentials of {@code registry} as a user writes it
     * ({@code 127.0.0.1:5000}, {@code https://registry.example.com/v2/}, {@code docker.io}), or null
     * when it is no registry host. Scheme and path are dropped as {@code docker login} drops them;
     * Docker Hub's names all become {@link #DOCKER_HUB}.
     */
    public static String configKey(String registry) {
        if (registry == null) {
            return null;
        }
        String r = registry.strip();
        if (r.equalsIgnoreCase(DOCKER_HUB)) {
            return DOCKER_HUB;
        }
        r = r.replaceFirst("(?i)^https?://", "");
        int slash = r.indexOf('/');
        if (slash >= 0) {
            r = r.substring(0, slash);
        }
        if (!HOST.matcher(r).matches()) {
            return null;
        }
        String host = r.toLowerCase(Locale.ROOT);
        if (host.equals("docker.io") || host.equals("index.docker.io") || host.equals("registry-1.docker.io")) {
            return DOCKER_HUB;
        }
        return r;
    }

    /** The {@code auth} value of docker's config: base64 of {@code username:password}. */
    String auth() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RegistryLogin[registry=" + registry + ", username=" + username + ", password=****]";
    }
}
