package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.exec.CommandRunner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Finds a docker client that can run BuildKit builds. A host may have several (e.g. a Docker 28 CLI
 * without the buildx plugin, which refuses BuildKit builds, next to Debian's 20.10 client, which
 * drives the engine's built-in BuildKit); the first usable one wins, and when none is, the error
 * says what each one lacks.
 */
public final class DockerClients {
    private DockerClients() {
    }

    /** {@code $MORGAN_DOCKER} when set, else {@code docker} from PATH, then {@code /usr/bin/docker}. */
    public static List<String> candidates(Map<String, String> env) {
        String configured = env.get("MORGAN_DOCKER");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured);
        }
        return List.of("docker", "/usr/bin/docker");
    }

    /**
     * The docker client to run: {@code named} when given (checked that it can run BuildKit builds), else
     * the first usable one of {@link #candidates}. What a build probes, without the network probe.
     *
     * @param named     the client the user named ({@code --docker}), or null to find one
     * @param preferred the back end asked for, or null for any
     * @throws MorganException when no client here can run BuildKit builds
     */
    public static String find(CommandRunner runner, String named, Map<String, String> env, Backend preferred)
            throws InterruptedException {
        List<String> candidates = named != null && !named.isBlank() ? List.of(named) : candidates(env);
        return EngineFacts.probe(runner, candidates, env, preferred, "default").docker();
    }

    /**
     * The probe of the first candidate that allows a BuildKit build with the preferred back end (null =
     * any): its {@link HostCapabilities#docker()} is the client to run, and it is asked once.
     */
    static HostCapabilities choose(CommandRunner runner, List<String> candidates, Map<String, String> env,
                                Backend preferred) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        MorganException first = null;
        for (String exe : new LinkedHashSet<>(candidates)) {
            try {
                HostCapabilities caps = HostProbe.probe(runner, exe, env);
                caps.choose(preferred);
                return caps;
            } catch (MorganException e) {
                if (first == null) {
                    first = e;
                }
                problems.add(exe + ": " + e.problem());
            }
        }
        if (first == null) {
            throw MorganException.host("no docker client to try", "install Docker, or pass --docker PATH");
        }
        if (problems.size() == 1) {
            throw first;
        }
        throw MorganException.host("no docker client here can run BuildKit builds:\n    " + String.join("\n    ", problems),
                first.hint());
    }
}
