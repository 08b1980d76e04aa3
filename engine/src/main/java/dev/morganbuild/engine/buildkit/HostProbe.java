package dev.morganbuild.engine.buildkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.exec.Background;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Asks a docker client what it and its engine offer for BuildKit builds. */
final class HostProbe {
    private HostProbe() {
    }

    static HostCapabilities probe(CommandRunner runner, String docker, Map<String, String> env)
            throws InterruptedException {
        List<String> problems = new ArrayList<>();
        List<String> versionOut = new ArrayList<>();
        // the two probes are independent: run them at once
        Background<Boolean> buildxProbe = Background.start("morgan-probe-buildx",
                () -> runner.run(Command.of(List.of(docker, "buildx", "version")).withEnv(env), line -> { }) == 0);
        int code;
        try {
            code = runner.run(Command.of(List.of(docker, "version", "--format", "{{json .}}")).withEnv(env), versionOut::add);
        } catch (IOException e) {
            buildxProbe.cancel();
            problems.add("docker client '" + docker + "' not found or not executable");
            return new HostCapabilities(docker, null, null, false, false, problems, host(env));
        } catch (InterruptedException e) {
            buildxProbe.cancel();
            throw e;
        }
        String client = null;
        String server = null;
        for (String line : versionOut) {
            if (line.startsWith("{")) {
                try {
                    JsonNode json = Json.mapper().readTree(line);
                    client = text(json.path("Client").path("Version"));
                    server = text(json.path("Server").path("Version"));
                } catch (IOException e) {
                    problems.add("unreadable `docker version` output");
                }
            }
        }
        if (client == null && code != 0) {
            problems.add("`" + docker + " version` failed: " + String.join(" ", versionOut));
        }
        if (server == null) {
            problems.add("the Docker engine does not answer: " + String.join(" ", versionOut).trim());
        }
        boolean buildx;
        try {
            buildx = buildxProbe.await();
        } catch (ExecutionException e) {
            buildx = false; // no such program, or it could not start
        }
        if (!buildx) {
            problems.add("no buildx plugin");
        }
        boolean builtin = server != null && (buildx || HostCapabilities.major(client) < 23);
        return new HostCapabilities(docker, client, server, buildx, builtin, problems, host(env));
    }

    /** The DOCKER_HOST the client runs with: the one given, else the inherited one. */
    private static String host(Map<String, String> env) {
        return env != null && env.containsKey("DOCKER_HOST") ? env.get("DOCKER_HOST") : System.getenv("DOCKER_HOST");
    }

    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }
}
