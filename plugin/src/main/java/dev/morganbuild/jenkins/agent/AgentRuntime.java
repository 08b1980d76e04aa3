package dev.morganbuild.jenkins.agent;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.morganbuild.engine.job.AgentJobMain;
import hudson.FilePath;
import hudson.remoting.Which;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.Yaml;

/**
 * The class path of the process that runs a build on an agent ({@link AgentJobMain}): the engine's jar
 * and the libraries it reads compose files with, taken from the jars this controller loaded them from
 * (this plugin, jackson2-api, snakeyaml-api). Each jar is copied once to the agent's
 * {@code caches/morgan-build/lib}, under a name holding its SHA-256, so that a plugin update brings its
 * own copies and concurrent builds never see a half-written jar.
 */
public final class AgentRuntime {
    /** Classes whose jars make the detached process's class path. */
    private static final List<Class<?>> CLASS_PATH = List.of(AgentJobMain.class, ObjectMapper.class,
            JsonFactory.class, JsonAutoDetect.class, YAMLFactory.class, JavaTimeModule.class, Yaml.class);
    private static final Map<String, String> DIGESTS = new ConcurrentHashMap<>();

    /** JVM options for a short-lived process that mostly waits for docker. */
    public static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xshare:auto",
            // the class-data archive's own notes (classes it skips, an archive of another JVM) are not the build's
            "-Xlog:cds*=off");

    private AgentRuntime() {
    }

    /** A jar on the controller and the name its copy has on agents. */
    public record Jar(File file, String agentName) {
    }

    /** The jars of the class path, in order, each once. */
    public static List<Jar> jars() throws IOException {
        List<Jar> out = new ArrayList<>();
        List<File> seen = new ArrayList<>();
        for (Class<?> c : CLASS_PATH) {
            File f = Which.jarFile(c);
            if (!seen.contains(f)) {
                seen.add(f);
                out.add(new Jar(f, digest(f).substring(0, 16) + "-" + f.getName()));
            }
        }
        return out;
    }

    /**
     * Copies the jars {@code lib} (on the agent) lacks and returns the class path there.
     *
     * @param missing the agent names of the jars not yet in {@code lib}
     */
    public static String install(FilePath lib, List<Jar> jars, List<String> missing) throws IOException, InterruptedException {
        List<String> path = new ArrayList<>();
        for (Jar j : jars) {
            FilePath target = lib.child(j.agentName());
            if (missing.contains(j.agentName())) {
                // written under a temporary name, then renamed: a concurrent build sees the whole jar or none
                FilePath tmp = lib.createTempFile("." + j.agentName(), ".tmp");
                try (InputStream in = Files.newInputStream(j.file().toPath())) {
                    tmp.copyFrom(in);
                }
                tmp.renameTo(target);
            }
            path.add(target.getRemote());
        }
        // the detached process is started with sh (JobFolder), so the agent is a Unix one
        return String.join(":", path);
    }

    /** SHA-256 of a text, in hex. */
    public static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The JVM options that use the agent's class-data archive (AppCDS: the process starts about a third
     * faster) or, while there is none, make one at exit in the job's folder, which the step then adopts.
     */
    public static List<String> archiveOptions(DetachedJob.Prepared prepared, String jobFolder) {
        return List.of(prepared.archiveExists() ? "-XX:SharedArchiveFile=" + prepared.archive()
                : "-XX:ArchiveClassesAtExit=" + jobFolder + "/" + DetachedJob.NEW_ARCHIVE);
    }

    private static String digest(File f) throws IOException {
        String key = f.getAbsolutePath() + ":" + f.length() + ":" + f.lastModified();
        String known = DIGESTS.get(key);
        if (known != null) {
            return known;
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(f.toPath())) {
                byte[] buf = new byte[65536];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            String hex = HexFormat.of().formatHex(md.digest());
            DIGESTS.put(key, hex);
            return hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
