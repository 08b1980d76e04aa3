package dev.morganbuild.cli.bench;

import dev.morganbuild.engine.MorganException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * "Another machine" for the newagent scenario: a private dockerd with its own data root, exec root and
 * socket under /tmp, no bridge and no iptables rules, the storage driver of the first engine. It needs
 * root and {@code dockerd}, as {@code scripts/setup-buildkit.sh} does. Stopped and removed on close.
 */
final class ThrowawayEngine implements AutoCloseable {
    private final Path root;
    private final Process dockerd;

    private ThrowawayEngine(Path root, Process dockerd) {
        this.root = root;
        this.dockerd = dockerd;
    }

    /** Whether one can be started here: root, and dockerd on the PATH. */
    static boolean available() {
        return isRoot() && dockerd() != null;
    }

    /** Why none can be started, and what to do instead. */
    static MorganException unavailable() {
        return MorganException.host("the newagent scenario needs a second, empty Docker engine, and this bench cannot "
                + "start one (" + (isRoot() ? "no dockerd on the PATH" : "it does not run as root") + ")",
                "pass --new-agent-engine DOCKER_HOST of an engine the bench may empty (its whole build cache is "
                        + "pruned), or run the bench as root with dockerd installed (apt-get install docker.io)");
    }

    /** Starts it with {@code driver} storage and waits until it answers {@code docker}. */
    static ThrowawayEngine start(String docker, String driver) throws IOException, InterruptedException {
        // not in the bench's scratch folder: a daemon that dies uncleanly may leave mounts behind there
        Path root = Files.createDirectories(Path.of("/tmp/morgan-bench-engine-" + UUID.randomUUID().toString()
                .substring(0, 8)));
        Files.writeString(root.resolve("daemon.json"), "{\"builder\": {\"gc\": {\"enabled\": false}}}\n");
        String host = "unix://" + root.resolve("d.sock");
        Process p = new ProcessBuilder(dockerd().toString(), "--config-file", root.resolve("daemon.json").toString(),
                "--data-root", root.resolve("data").toString(), "--exec-root", root.resolve("exec").toString(),
                "--pidfile", root.resolve("dockerd.pid").toString(), "--host", host, "--storage-driver", driver,
                "--bridge=none", "--iptables=false", "--ip6tables=false", "--ip-masq=false")
                .redirectErrorStream(true).redirectOutput(root.resolve("dockerd.log").toFile()).start();
        ThrowawayEngine e = new ThrowawayEngine(root, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Process v = new ProcessBuilder(docker, "-H", host, "version", "--format", "{{.Server.Version}}")
                    .redirectErrorStream(true).start();
            v.getInputStream().readAllBytes();
            if (v.waitFor() == 0) {
                return e;
            }
            if (!p.isAlive()) {
                String log = Files.readString(root.resolve("dockerd.log"), StandardCharsets.UTF_8);
                e.close();
                throw new IOException("the second dockerd exited: " + log.substring(Math.max(0, log.length() - 2000)));
            }
            Thread.sleep(300);
        }
        e.close();
        throw new IOException("the second dockerd did not answer in 60 s (log: " + root.resolve("dockerd.log") + ")");
    }

    String host() {
        return "unix://" + root.resolve("d.sock");
    }

    @Override
    public void close() throws InterruptedException {
        dockerd.destroy(); // SIGTERM: dockerd stops its containerd and unmounts
        if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
            dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            new ProcessBuilder("rm", "-rf", "--one-file-system", root.toString()).start().waitFor(120, TimeUnit.SECONDS);
        } catch (IOException e) {
            // under /tmp: left for the system's temp cleaner
        }
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path dockerd() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/sbin:/usr/bin" : path).split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "dockerd");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return List.of(Path.of("/usr/sbin/dockerd"), Path.of("/usr/bin/dockerd")).stream().filter(Files::isExecutable)
                .findFirst().orElse(null);
    }
}
