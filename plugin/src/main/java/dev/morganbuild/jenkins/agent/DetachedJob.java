package dev.morganbuild.jenkins.agent;

import dev.morganbuild.engine.job.JobFolder;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * The agent's side of a detached build ({@link JobFolder}): write the job, read its progress, stop it.
 * Each is one short remoting call on the job's folder; the build itself runs in its own process and
 * needs no connection.
 */
public final class DetachedJob {
    private DetachedJob() {
    }

    /** The class-data archive a first run leaves in its job folder, adopted into the agent's lib folder. */
    public static final String NEW_ARCHIVE = "classes.jsa";

    /**
     * Writes the job file and says which of the class path's jars {@code lib} lacks, which java runs the
     * job, and whether a class-data archive (AppCDS) for that java and class path is there.
     */
    /** The job folder's sub-folder that is the build process's {@code java.io.tmpdir}. */
    public static final String TMP = "tmp";

    public static final class Prepare extends MasterToSlaveFileCallable<Prepared> {
        private static final long serialVersionUID = 1L;
        private final String jobJson;
        private final String lib;
        private final ArrayList<String> jars;
        private final String java;

        /** @param java the java to run, or null for the agent JVM's own */
        public Prepare(String jobJson, String lib, List<String> jars, String java) {
            this.jobJson = jobJson;
            this.lib = lib;
            this.jars = new ArrayList<>(jars);
            this.java = java;
        }

        @Override
        public Prepared invoke(File dir, VirtualChannel channel) throws IOException {
            Files.createDirectories(dir.toPath().resolve(TMP));
            Files.writeString(dir.toPath().resolve(JobFolder.JOB), jobJson, StandardCharsets.UTF_8);
            Path libDir = Files.createDirectories(Path.of(lib));
            ArrayList<String> missing = new ArrayList<>();
            for (String j : jars) {
                if (!Files.isRegularFile(libDir.resolve(j))) {
                    missing.add(j);
                }
            }
            String run = java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // an archive fits one JVM and one class path: both are in its name (the jars' names hold their digests)
            Path archive = libDir.resolve("classes-" + AgentRuntime.digest(run + "\n" + String.join(":", jars))
                    .substring(0, 16) + ".jsa");
            return new Prepared(run, missing, archive.toString(), Files.isRegularFile(archive));
        }
    }

    /** What {@link Prepare} found: the java to run, the jars to copy, the class-data archive and whether it exists. */
    public record Prepared(String java, ArrayList<String> missing, String archive, boolean archiveExists) implements Serializable {
    }

    /**
     * After a job: keeps the class-data archive its process wrote at exit (the first run's) as the agent's
     * archive, unless another run's is already there, then deletes the job's folder.
     */
    public static final class CleanUp extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;
        private final String archive;

        public CleanUp(String archive) {
            this.archive = archive;
        }

        @Override
        public Void invoke(File dir, VirtualChannel channel) throws IOException {
            Path made = dir.toPath().resolve(NEW_ARCHIVE);
            if (archive != null && Files.isRegularFile(made) && !Files.exists(Path.of(archive))) {
                Path target = Path.of(archive);
                Path tmp = Files.createTempFile(target.getParent(), ".classes-", ".tmp");
                Files.move(made, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                try {
                    Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException lost) {
                    Files.deleteIfExists(tmp); // another job's archive came first
                }
            }
            try (var walk = Files.walk(dir.toPath())) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            return null;
        }
    }

    /** A job's progress since a log offset; with the records or the refusal once it has ended. */
    public record Status(byte[] log, long offset, Integer exit, boolean running, String records, String error)
            implements Serializable {
    }

    /** Reads a job's progress ({@link JobFolder#poll}). */
    public static final class Poll extends MasterToSlaveFileCallable<Status> {
        private static final long serialVersionUID = 1L;
        /** Log bytes per call: a chatty build is sent in pieces, none large enough to stall the channel. */
        private static final int CHUNK = 256 * 1024;
        private final long offset;

        public Poll(long offset) {
            this.offset = offset;
        }

        @Override
        public Status invoke(File dir, VirtualChannel channel) throws IOException {
            Path d = dir.toPath();
            JobFolder.Progress p = JobFolder.poll(d, offset, CHUNK);
            boolean ended = p.exit() != null && p.log().length < CHUNK;
            return new Status(p.log(), p.offset(), ended ? p.exit() : null, p.running() || p.exit() != null && !ended,
                    ended ? read(d.resolve(JobFolder.RECORDS)) : null, ended ? read(d.resolve(JobFolder.ERROR)) : null);
        }

        private static String read(Path f) throws IOException {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
        }
    }

    /** Stops a job and its process tree ({@link JobFolder#stop}); returns how many processes had to be killed. */
    public static final class Stop extends MasterToSlaveFileCallable<Integer> {
        private static final long serialVersionUID = 1L;
        private final long graceSeconds;

        public Stop(Duration grace) {
            this.graceSeconds = grace.toSeconds();
        }

        @Override
        public Integer invoke(File dir, VirtualChannel channel) throws IOException, InterruptedException {
            return JobFolder.stop(dir.toPath(), Duration.ofSeconds(graceSeconds));
        }
    }
}
