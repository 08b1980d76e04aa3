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
    /**
     * What dockerd answers a disk-usage query while another one runs (two agents on one engine, a
     * user's {@code docker system df}): the reader waits a little and asks again.
     */
    static final String BUSY = "a disk usage operation is already running";
    /** Attempts while the engine is busy; the waits between them add up to 3.75 s. */
    static final int ATTEMPTS = 6;
    private static final long WAIT_MILLIS = 250;

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

    /**
     * Reads the engine's build cache; while the engine is busy with another disk-usage query, waits and
     * asks again (at most {@value #ATTEMPTS} times).
     */
    public static Answer read(CommandRunner runner, String docker, Map<String, String> env) throws InterruptedException {
        return read(runner, docker, env, WAIT_MILLIS);
    }

    /** {@link #read}, waiting {@code waitMillis} times the attempt's number between attempts. */
    static Answer read(CommandRunner runner, String docker, Map<String, String> env, long waitMillis)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(runner, docker, env);
            } catch (MorganException e) {
                if (attempt >= ATTEMPTS || e.getMessage() == null || !e.getMessage().contains(BUSY)) {
                    throw e;
                }
                Thread.sleep(waitMillis * attempt);
            }
        }
    }

    private static Answer readOnce(CommandRunner runner, String docker, Map<String, String> env) throws InterruptedException {
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
