package dev.morganbuild.jenkins;

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
final class DetachedJob {
    private DetachedJob() {
    }

    /** Writes the job file and says which of the class path's jars {@code lib} lacks, and the agent's java. */
    static final class Prepare extends MasterToSlaveFileCallable<Prepared> {
        private static final long serialVersionUID = 1L;
        private final String jobJson;
        private final String lib;
        private final ArrayList<String> jars;

        Prepare(String jobJson, String lib, List<String> jars) {
            this.jobJson = jobJson;
            this.lib = lib;
            this.jars = new ArrayList<>(jars);
        }

        @Override
        public Prepared invoke(File dir, VirtualChannel channel) throws IOException {
            Files.createDirectories(dir.toPath());
            Files.writeString(dir.toPath().resolve(JobFolder.JOB), jobJson, StandardCharsets.UTF_8);
            Path libDir = Files.createDirectories(Path.of(lib));
            ArrayList<String> missing = new ArrayList<>();
            for (String j : jars) {
                if (!Files.isRegularFile(libDir.resolve(j))) {
                    missing.add(j);
                }
            }
            return new Prepared(Path.of(System.getProperty("java.home"), "bin", "java").toString(), missing);
        }
    }

    /** What {@link Prepare} found: the agent JVM's java, the jars to copy. */
    record Prepared(String java, ArrayList<String> missing) implements Serializable {
    }

    /** A job's progress since a log offset; with the records or the refusal once it has ended. */
    record Status(byte[] log, long offset, Integer exit, boolean running, String records, String error)
            implements Serializable {
    }

    /** Reads a job's progress ({@link JobFolder#poll}). */
    static final class Poll extends MasterToSlaveFileCallable<Status> {
        private static final long serialVersionUID = 1L;
        /** Log bytes per call: a chatty build is sent in pieces, none large enough to stall the channel. */
        private static final int CHUNK = 256 * 1024;
        private final long offset;

        Poll(long offset) {
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
    static final class Stop extends MasterToSlaveFileCallable<Integer> {
        private static final long serialVersionUID = 1L;
        private final long graceSeconds;

        Stop(Duration grace) {
            this.graceSeconds = grace.toSeconds();
        }

        @Override
        public Integer invoke(File dir, VirtualChannel channel) throws IOException, InterruptedException {
            return JobFolder.stop(dir.toPath(), Duration.ofSeconds(graceSeconds));
        }
    }
}
