package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.id.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What engine facts were probed for, as a key that changes whenever they may have changed: the docker
 * clients a build would try (each one's resolved file, size and mtime), the variables docker reads to
 * find and reach its engine, the client's config (contexts) and plugin folders, the engine's socket
 * (its inode and mtime change when the daemon restarts and recreates it), and the back end and network
 * asked for. Not seen: a daemon restarted behind a socket systemd keeps open, or a remote engine that
 * changed; those facts live until the TTL ends or a build fails. Computed with a few stat calls, no
 * process: a warm build reuses what a build a minute ago probed, and a new client or a restarted
 * engine is probed afresh.
 */
public final class EngineIdentity {
    /** The variables docker reads to choose and reach its engine. */
    static final List<String> DOCKER_VARIABLES = List.of("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG",
            "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "DOCKER_BUILDKIT", "BUILDX_BUILDER", "HOME");
    private static final String DEFAULT_SOCKET = "/var/run/docker.sock";
    /** Where docker finds CLI plugins such as buildx, besides the user's own folder. */
    private static final List<String> PLUGIN_DIRS = List.of("/usr/local/lib/docker/cli-plugins",
            "/usr/local/libexec/docker/cli-plugins", "/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins");

    private EngineIdentity() {
    }

    /** The key (64 hex digits) of probing {@code candidates} in {@code env} for {@code backend} and {@code network}. */
    public static String of(List<String> candidates, Map<String, String> env, Backend backend, String network) {
        StringBuilder sb = new StringBuilder("morgan-engine-facts/1\n");
        for (String c : candidates) {
            sb.append("client ").append(c).append(' ').append(fileStamp(resolve(c, env.get("PATH")))).append('\n');
        }
        for (String v : DOCKER_VARIABLES) {
            sb.append(v).append('=').append(env.getOrDefault(v, "")).append('\n');
        }
        sb.append("socket ").append(fileStamp(socket(env.get("DOCKER_HOST")))).append('\n');
        // `docker context use` writes the client's config; a buildx plugin comes and goes in these folders
        Path config = env.get("DOCKER_CONFIG") != null && !env.get("DOCKER_CONFIG").isBlank()
                ? Path.of(env.get("DOCKER_CONFIG")) : env.get("HOME") != null ? Path.of(env.get("HOME"), ".docker") : null;
        if (config != null) {
            sb.append("config ").append(fileStamp(config.resolve("config.json"))).append('\n');
            sb.append("plugins ").append(fileStamp(config.resolve("cli-plugins"))).append('\n');
        }
        for (String dir : PLUGIN_DIRS) {
            sb.append("plugins ").append(fileStamp(Path.of(dir))).append('\n');
        }
        sb.append("backend ").append(backend).append("\nnetwork ").append(network).append('\n');
        return Sha256.hex(sb.toString());
    }

    /** The file a command name runs: itself when it has a slash, else the first match on {@code path}. */
    static Path resolve(String command, String path) {
        if (command.contains("/")) {
            return Path.of(command);
        }
        if (path != null) {
            for (String dir : path.split(":")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, command);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The unix socket of a {@code DOCKER_HOST} value (null: the default), or null for a TCP or ssh engine. */
    static Path socket(String dockerHost) {
        if (dockerHost == null || dockerHost.isBlank()) {
            return Path.of(DEFAULT_SOCKET);
        }
        return dockerHost.startsWith("unix://") ? Path.of(dockerHost.substring("unix://".length())) : null;
    }

    private static String fileStamp(Path p) {
        if (p == null) {
            return "-";
        }
        try {
            Path real = p.toRealPath();
            Map<String, Object> a = Files.readAttributes(real, "unix:ino,size,lastModifiedTime,ctime");
            return real + " " + a.get("ino") + " " + a.get("size") + " " + a.get("lastModifiedTime") + " " + a.get("ctime");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return p + " absent";
        }
    }
}
