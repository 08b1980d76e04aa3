package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.exec.Background;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * What a build needs to know about the docker client and its engine before it starts: the client that
 * can run BuildKit builds, the back end, and the network for RUN steps.
 *
 * @param docker  the docker client to run
 * @param backend the BuildKit back end
 * @param network network for RUN steps when the compose file names none, or null for docker's default
 */
public record EngineFacts(String docker, Backend backend, String network) {

    /**
     * Probes the engine: the first usable client of {@code candidates} and its back end (each client's
     * {@code version} and {@code buildx version} at once), and, at the same time, whether the engine has
     * a {@code bridge} network.
     *
     * @param preferred the back end asked for, or null to choose
     * @param network   the network asked for, or null to detect
     */
    public static EngineFacts probe(CommandRunner runner, List<String> candidates, Map<String, String> env,
                                    Backend preferred, String network) throws InterruptedException {
        String first = candidates.isEmpty() ? null : candidates.get(0);
        Background<String> networkProbe = network != null || first == null ? null
                : Background.start("morgan-probe-network", () -> defaultNetwork(runner, first, env));
        String docker;
        Backend backend;
        try {
            HostCapabilities caps = DockerClients.choose(runner, candidates, env, preferred);
            docker = caps.docker();
            backend = caps.choose(preferred);
        } catch (RuntimeException | InterruptedException e) {
            if (networkProbe != null) {
                networkProbe.cancel();
            }
            throw e;
        }
        if (network != null) {
            return new EngineFacts(docker, backend, network);
        }
        String detected = docker.equals(first) ? await(networkProbe) : defaultNetwork(runner, docker, env);
        return new EngineFacts(docker, backend, detected);
    }

    /**
     * {@code host} when the engine has no {@code bridge} network (a daemon started with
     * {@code --bridge=none}, where RUN steps otherwise fail with "network bridge not found"), else
     * null for docker's default.
     */
    static String defaultNetwork(CommandRunner runner, String docker, Map<String, String> env) {
        Command c = Command.of(List.of(docker, "network", "inspect", "--format", "{{.Name}}", "bridge")).withEnv(env);
        try {
            return runner.run(c, line -> { }) == 0 ? null : "host";
        } catch (IOException e) {
            return "host";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "host";
        }
    }

    private static String await(Background<String> probe) throws InterruptedException {
        try {
            return probe.await();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
