package dev.morganbuild.engine.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A second private dockerd that a test may stop and start (never the one other tests use): its own
 * data root, exec root and socket, no bridge, the same storage driver as the main engine, and the
 * base image loaded from the main engine. Needs root, as the main private engine does.
 */
final class SecondEngine implements AutoCloseable {
    private final Path root;
    private final String docker;
    private final String driver;
    private Process dockerd;

    private SecondEngine(Path root, String docker, String driver) {
        this.root = root;
        this.docker = docker;
        this.driver = driver;
    }

    static SecondEngine start(Path unused, String docker) throws Exception {
        // outside the test's temp dir: a daemon that dies uncleanly may leave mounts JUnit cannot delete
        Path root = Path.of("/tmp/morgan-engine-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(root);
        String driver = run(List.of(docker, "info", "--format", "{{.Driver}}"), null).strip();
        SecondEngine e = new SecondEngine(root, docker, driver.isEmpty() ? "vfs" : driver);
        e.launch();
        Path tar = root.resolve("base.tar");
        run(List.of(docker, "save", "morgan/debian:bookworm", "-o", tar.toString()), null);
        run(List.of(docker, "load", "-i", tar.toString()), e.host());
        Files.delete(tar);
        return e;
    }

    String host() {
        return "unix://" + root.resolve("d.sock");
    }

    private void launch() throws Exception {
        dockerd = new ProcessBuilder("dockerd", "--data-root", root.resolve("data").toString(),
                "--exec-root", root.resolve("exec").toString(), "--pidfile", root.resolve("dockerd.pid").toString(),
                "--host", host(), "--storage-driver", driver, "--bridge=none", "--iptables=false",
                "--ip6tables=false", "--ip-masq=false")
                .redirectErrorStream(true).redirectOutput(root.resolve("dockerd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                run(List.of(docker, "version", "--format", "{{.Server.Version}}"), host());
                return;
            } catch (IOException notYet) {
                if (!dockerd.isAlive()) {
                    throw new IOException("second dockerd exited: " + Files.readString(root.resolve("dockerd.log")));
                }
                Thread.sleep(300);
            }
        }
        throw new IOException("second dockerd did not answer in 60 s");
    }

    /** SIGTERM, as {@code systemctl stop docker} sends; waits for the daemon to exit. */
    void stop() throws InterruptedException {
        dockerd.toHandle().destroy();
        if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
            dockerd.toHandle().destroyForcibly();
            dockerd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    void restart() throws Exception {
        launch();
    }

    @Override
    public void close() throws Exception {
        if (dockerd != null && dockerd.isAlive()) {
            stop();
        }
        try {
            new ProcessBuilder("rm", "-rf", "--one-file-system", root.toString()).start().waitFor(60, TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // best effort: the folder is under /tmp
        }
    }

    private static String run(List<String> argv, String host) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        if (host != null) {
            pb.environment().put("DOCKER_HOST", host);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + ": " + out);
        }
        return out;
    }

    static List<ProcessHandle> processes(String text) {
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> {
            String cmd = h.info().commandLine().orElse("");
            if (cmd.contains(text) && h.pid() != ProcessHandle.current().pid()) {
                out.add(h);
            }
        });
        return out;
    }

    static boolean processRunning(String text) {
        return !processes(text).isEmpty();
    }

    /** docker client processes (of this machine) building an image with this tag text. */
    static List<ProcessHandle> dockerClients(String tagText) {
        return processes(tagText).stream().filter(h -> h.info().command().orElse("").endsWith("docker")).toList();
    }

    static void awaitProcess(String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (processRunning(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no process running '" + text + "' after " + seconds + " s");
    }

    static void killProcesses(String text) {
        processes(text).forEach(ProcessHandle::destroyForcibly);
    }
}
