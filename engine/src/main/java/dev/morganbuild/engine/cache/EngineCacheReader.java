package dev.morganbuild.engine.cache;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks the engine for its build cache: {@code docker system df -v} (one record per line, parsed as it
 * streams), {@code docker system df} (docker's own totals) and {@code docker info} (the data root, to
 * see the free disk when the engine runs on this machine). Argv only.
 */
public final class EngineCacheReader {
    /** One JSON record per line; docker turns the two characters {@code \n} into a newline. */
    static final String RECORDS_FORMAT = "{{range .BuildCache}}{{json .}}\\n{{end}}";

    private EngineCacheReader() {
    }

    /**
     * What the engine said.
     *
     * @param records  every build-cache record
     * @param total    docker's Build Cache totals line, or null when it printed none
     * @param dataRoot the engine's data root when the engine runs on this machine, else null
     */
    public record Answer(List<BuildCacheRecord> records, DfTotal total, String dataRoot) {
        public Answer {
            records = List.copyOf(records);
        }
    }

    public static Answer read(CommandRunner runner, String docker, Map<String, String> env) throws InterruptedException {
        SystemDfParser records = new SystemDfParser("docker system df -v");
        run(runner, env, List.of(docker, "system", "df", "-v", "--format", RECORDS_FORMAT), records::line);
        List<DfTotal> totals = new ArrayList<>();
        int[] n = {0};
        run(runner, env, List.of(docker, "system", "df", "--format", "{{json .}}"), line -> {
            n[0]++;
            if (!line.isBlank()) {
                totals.add(SystemDfParser.total(line.strip(), "docker system df", n[0]));
            }
        });
        DfTotal total = totals.stream().filter(t -> t.type().equals(DfTotal.BUILD_CACHE)).findFirst().orElse(null);
        String root = null;
        if (local(env)) {
            List<String> out = new ArrayList<>();
            run(runner, env, List.of(docker, "info", "--format", "{{json .DockerRootDir}}"), out::add);
            root = dataRoot(out);
        }
        return new Answer(records.records(), total, root);
    }

    /** The engine runs on this machine when docker talks to it through a local socket. */
    static boolean local(Map<String, String> env) {
        String host = env.getOrDefault("DOCKER_HOST", "");
        String context = env.getOrDefault("DOCKER_CONTEXT", "");
        return (host.isBlank() || host.startsWith("unix://")) && (context.isBlank() || context.equals("default"));
    }

    static String dataRoot(List<String> infoLines) {
        for (String line : infoLines) {
            if (line.strip().startsWith("\"")) {
                try {
                    return Json.mapper().readValue(line.strip(), String.class);
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static void run(CommandRunner runner, Map<String, String> env, List<String> argv,
                            java.util.function.Consumer<String> each) throws InterruptedException {
        String[] last = {null};
        RuntimeException[] bad = {null};
        int code;
        try {
            code = runner.run(Command.of(argv).withEnv(env), line -> {
                last[0] = line;
                if (bad[0] == null) {
                    try {
                        each.accept(line);
                    } catch (RuntimeException e) {
                        bad[0] = e; // keep reading: a failing docker explains itself on its last line
                    }
                }
            });
        } catch (IOException e) {
            throw MorganException.host("cannot run " + argv.get(0) + ": " + e.getMessage(),
                    "install Docker, or pass --docker PATH");
        }
        if (code != 0) {
            throw MorganException.host(String.join(" ", argv.subList(0, Math.min(4, argv.size()))) + " exited with "
                    + code + (last[0] == null ? "" : ": " + last[0]), "make sure the Docker engine answers (docker info)");
        }
        if (bad[0] != null) {
            throw bad[0];
        }
    }
}
