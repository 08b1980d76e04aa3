package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.MorganException;
import java.util.List;

/**
 * What a docker client and engine offer for BuildKit builds.
 *
 * @param docker          the client executable probed
 * @param clientVersion   client version, or null when the client did not run
 * @param serverVersion   engine version, or null when the engine did not answer
 * @param buildxAvailable the buildx plugin answers
 * @param builtinUsable   {@code DOCKER_BUILDKIT=1 docker build} works (client older than 23, or buildx present)
 * @param problems        what is missing, in the user's terms
 * @param dockerHost      the DOCKER_HOST the client was given, or null for its default socket
 */
record HostCapabilities(String docker, String clientVersion, String serverVersion, boolean buildxAvailable,
                               boolean builtinUsable, List<String> problems, String dockerHost) {
    HostCapabilities {
        problems = List.copyOf(problems);
    }

    /**
     * The back end to use: the preferred one if it works, else (no preference) the engine's built-in
     * BuildKit when usable, else buildx.
     *
     * @throws MorganException naming what is missing and how to fix it
     */
    Backend choose(Backend preferred) {
        if (clientVersion == null) {
            throw MorganException.host("docker client '" + docker + "' could not be run",
                    "install Docker (Debian: apt-get install docker.io) or pass the client's path with --docker");
        }
        if (serverVersion == null) {
            String why = problems.stream().filter(p -> p.startsWith("the Docker engine does not answer"))
                    .map(p -> p.substring("the Docker engine does not answer".length()).replaceFirst("^:\\s*", ""))
                    .filter(p -> !p.isBlank()).findFirst().map(p -> " (docker says: " + p + ")").orElse("");
            throw MorganException.host("cannot reach the Docker engine" + host() + " with '" + docker + "'" + why,
                    "start dockerd (or run scripts/setup-buildkit.sh, which starts a private one) and set DOCKER_HOST");
        }
        if (preferred == Backend.BUILDX || (preferred == null && !builtinUsable)) {
            if (!buildxAvailable) {
                throw MorganException.host(noBuildKit(), fix());
            }
            return Backend.BUILDX;
        }
        if (!builtinUsable) {
            throw MorganException.host(noBuildKit(), fix());
        }
        return Backend.BUILTIN;
    }

    private String noBuildKit() {
        return major(clientVersion) >= 23
                ? "Docker " + clientVersion + " CLI (" + docker + ") without the buildx plugin refuses BuildKit builds"
                : "the buildx plugin is missing for " + docker + " (Docker " + clientVersion + ")";
    }

    private static String fix() {
        return "install the buildx plugin (Debian: apt-get install docker-buildx), or use a Docker client older than 23 "
                + "(e.g. Debian's docker.io 20.10 at /usr/bin/docker) with DOCKER_BUILDKIT=1 via --docker /usr/bin/docker";
    }

    private String host() {
        return dockerHost == null || dockerHost.isBlank() ? " (default socket)" : " at DOCKER_HOST=" + dockerHost;
    }

    /** Major version of "20.10.24+dfsg1" or "28.2.2"; 0 when unreadable. */
    static int major(String version) {
        if (version == null) {
            return 0;
        }
        String digits = version.replaceFirst("^v", "").split("[^0-9]", 2)[0];
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }
}
