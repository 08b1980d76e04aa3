package dev.morganbuild.engine.job;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.text.AtomicWrite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The folder through which a Jenkins step and the detached process that runs its build talk, on the
 * agent: the step writes {@link #JOB}; a wrapper shell records the process's {@link #PID}, sends its
 * output to {@link #LOG} and, once it has ended, writes its exit code to {@link #EXIT}; the process
 * writes {@link #RECORDS} (one JSON record per line) or, when it refuses the build, {@link #ERROR}.
 * Every file but the log is written whole (a reader sees all of it or nothing).
 */
public final class JobFolder {
    public static final String JOB = "job.json";
    static final String LOG = "log";
    public static final String RECORDS = "records.jsonl";
    public static final String ERROR = "error.txt";
    /** The wrapper's pid: it waits for the build process and writes {@link #EXIT}. */
    static final String PID = "pid";
    /** The build process's pid (java, with docker among its descendants). */
    static final String RUNNER_PID = "runner.pid";
    static final String EXIT = "exit";

    /**
     * Starts {@code "$@"} in the background, in a session of its own where {@code setsid} exists, immune to
     * hang-ups, with its output in {@link #LOG}, and returns at once. The build thus outlives the process
     * that started it (the agent's, which a lost controller connection may end) and the process group it
     * belongs to. User values never reach this text: the folder and the command are its arguments.
     */
    private static final String WRAPPER = String.join("\n",
            "cd \"$1\" || exit 90",
            "shift",
            "(",
            "  trap '' HUP",
            "  if command -v setsid >/dev/null 2>&1; then setsid \"$@\" >log 2>&1 </dev/null &",
            "  else \"$@\" >log 2>&1 </dev/null &",
            "  fi",
            "  echo $! >runner.pid.tmp && mv -f runner.pid.tmp runner.pid",
            "  wait $!",
            "  echo $? >exit.tmp && mv -f exit.tmp exit",
            ") >/dev/null 2>&1 </dev/null &",
            "echo $! >pid.tmp && mv -f pid.tmp pid",
            "");

    /**
     * The argv that starts {@code command} detached, in {@code dir} (which holds the job), as the
     * {@link #WRAPPER} above does; it returns once the command has started.
     */
    public static List<String> launchArgv(String dir, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", WRAPPER, "morgan-build", dir));
        argv.addAll(command);
        return argv;
    }

    /** Exit codes of {@link #run}, the CLI's own. */
    static final int OK = 0;
    static final int BUILD_FAILED = 1;
    static final int USER_ERROR = 2;
    static final int HOST_ERROR = 3;
    public static final int INTERRUPTED = 130;

    private JobFolder() {
    }

    /**
     * Runs the job in {@code dir}: reads {@link #JOB}, builds it with {@code engine} writing the log to
     * {@code log}, and writes the records (or the refusal) to the folder.
     *
     * @param processEnv this process's environment, where the job's inherited variables are read
     * @return the exit code: 0 every service built, 1 some failed, 2/3 refused (input/host), 130 interrupted
     */
    static int run(Path dir, Map<String, String> processEnv, BuildService engine, PrintStream log)
            throws IOException {
        Path jobFile = dir.resolve(JOB);
        try {
            AgentJob job = AgentJob.fromJson(Files.readString(jobFile, StandardCharsets.UTF_8), processEnv, jobFile);
            StackBuildResult result = job.run(engine, new LogPrinter(log));
            StringBuilder lines = new StringBuilder();
            for (BuildRecord r : result.records()) {
                lines.append(Json.mapper().writeValueAsString(r)).append('\n');
            }
            AtomicWrite.replace(dir.resolve(RECORDS), lines.toString());
            return result.succeeded() ? OK : BUILD_FAILED;
        } catch (MorganException e) {
            AtomicWrite.replace(dir.resolve(ERROR), e.getMessage());
            return e.kind() == MorganException.Kind.HOST ? HOST_ERROR : USER_ERROR;
        } catch (InterruptedException e) {
            AtomicWrite.replace(dir.resolve(ERROR), "interrupted; the docker build was stopped");
            return INTERRUPTED;
        } finally {
            log.flush();
        }
    }

    /**
     * What a job's folder shows now: the log written since {@code offset} (at most {@code maxBytes}), the
     * exit code once the wrapper has written it, and, until then, whether a process of the job still runs
     * (none does and there is no exit code: the job was killed with its wrapper).
     */
    public record Progress(byte[] log, long offset, Integer exit, boolean running) {
    }

    /** Reads a job's progress; see {@link Progress}. */
    public static Progress poll(Path dir, long offset, int maxBytes) throws IOException {
        byte[] chunk = new byte[0];
        Path log = dir.resolve(LOG);
        if (Files.exists(log)) {
            try (var ch = java.nio.channels.FileChannel.open(log)) {
                long size = ch.size();
                if (size > offset) {
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(maxBytes, size - offset));
                    while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                        // read until the chunk is full or the file ends
                    }
                    chunk = java.util.Arrays.copyOf(buf.array(), buf.position());
                }
            }
        }
        Integer exit = null;
        Path exitFile = dir.resolve(EXIT);
        if (Files.exists(exitFile)) {
            String text = Files.readString(exitFile, StandardCharsets.UTF_8).strip();
            exit = text.matches("\\d{1,3}") ? Integer.valueOf(text) : Integer.valueOf(-1);
        }
        // once the exit code is written, the wrapper only has to exit: the job has ended
        return new Progress(chunk, offset + chunk.length, exit, exit == null && !processes(dir).isEmpty());
    }

    /**
     * Stops a job: SIGTERM to the build process (which stops its docker build and exits), then, after
     * {@code grace}, SIGKILL to whatever of its process tree still runs (docker included).
     *
     * @return how many processes were still running when the grace ended (0: it stopped by itself)
     */
    public static int stop(Path dir, java.time.Duration grace) throws IOException, InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>();
        for (ProcessHandle p : processes(dir)) {
            // the tree is taken before anything is signalled: an orphan leaves it once its parent is gone
            tree.add(p);
            p.descendants().forEach(tree::add);
        }
        readPid(dir.resolve(RUNNER_PID)).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
        long end = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < end && tree.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(100);
        }
        int left = 0;
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                left++;
                p.destroyForcibly();
            }
        }
        return left;
    }

    /** The job's wrapper and build processes that are alive. */
    private static List<ProcessHandle> processes(Path dir) throws IOException {
        List<ProcessHandle> out = new ArrayList<>();
        for (String name : List.of(RUNNER_PID, PID)) {
            readPid(dir.resolve(name)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(out::add);
        }
        return out;
    }

    private static java.util.Optional<Long> readPid(Path file) throws IOException {
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return text.matches("\\d{1,10}") ? java.util.Optional.of(Long.valueOf(text)) : java.util.Optional.empty();
    }

    /** The records of a {@link #RECORDS} file's text. */
    public static List<BuildRecord> records(String text) throws IOException {
        List<BuildRecord> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(Json.mapper().readValue(line, BuildRecord.class));
            }
        }
        return out;
    }
}
