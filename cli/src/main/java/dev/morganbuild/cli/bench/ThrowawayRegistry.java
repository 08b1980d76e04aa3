package dev.morganbuild.cli.bench;

import dev.morganbuild.engine.MorganException;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A registry for one benchmark run: Debian's {@code docker-registry} on a free loopback port (docker
 * engines allow 127.0.0.0/8 without TLS), no auth, its storage in the benchmark's scratch folder.
 * Stopped on close; the storage goes with the scratch folder.
 */
final class ThrowawayRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private final Process process;
    private final int port;

    private ThrowawayRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether one can be started here. */
    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Why none can be started, and what to do instead. */
    static MorganException unavailable() {
        return MorganException.host("the newagent scenario needs a registry, and " + BINARY + " is not installed "
                + "to start a throwaway one", "pass --registry HOST:PORT of a registry the bench may push to "
                + "(with --registry-credentials-file if it asks for a login), or apt-get install docker-registry");
    }

    static ThrowawayRegistry start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("config.yml"), "version: 0.1\nlog:\n  level: warn\nstorage:\n"
                + "  filesystem:\n    rootdirectory: " + dir.resolve("data") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        Process p = new ProcessBuilder(BINARY.toString(), "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile()).start();
        ThrowawayRegistry r = new ThrowawayRegistry(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://" + r.address() + "/v2/").toURL()
                        .openConnection();
                if (c.getResponseCode() == 200) {
                    return r;
                }
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IOException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
                }
            }
            Thread.sleep(200);
        }
        r.close();
        throw new IOException("docker-registry did not answer on " + r.address() + " in 30 s");
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
