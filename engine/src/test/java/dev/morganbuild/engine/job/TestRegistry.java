package dev.morganbuild.engine.job;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real registry (Debian's docker-registry) with htpasswd auth on a free loopback port, its storage in
 * a test folder; the engine treats 127.0.0.0/8 as an insecure registry by default, so no TLS is needed.
 * Stopped and removed on close.
 */
final class TestRegistry implements AutoCloseable {
    static final String USER = "morgan";
    static final String PASSWORD = "s3cret-" + Long.toHexString(System.nanoTime());
    private final Process process;
    private final int port;

    private TestRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static TestRegistry start(Path dir) throws Exception {
        for (String tool : List.of("/usr/bin/docker-registry", "/usr/bin/htpasswd")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new AssertionError(tool + " is missing: scripts/test.sh installs docker-registry and apache2-utils");
            }
        }
        Files.createDirectories(dir);
        Process h = new ProcessBuilder("/usr/bin/htpasswd", "-Bbn", USER, PASSWORD).start();
        String line = new String(h.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (h.waitFor() != 0) {
            throw new IOException("htpasswd failed");
        }
        Files.writeString(dir.resolve("htpasswd"), line);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("config.yml"), "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n"
                + "    rootdirectory: " + dir.resolve("data") + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port
                + "\nauth:\n  htpasswd:\n    realm: morgan-test\n    path: " + dir.resolve("htpasswd") + "\n");
        Process p = new ProcessBuilder("/usr/bin/docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        TestRegistry r = new TestRegistry(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://" + r.address() + "/v2/").toURL().openConnection();
                if (c.getResponseCode() == 401) {
                    return r; // up, and asking for credentials
                }
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IOException("registry exited: " + Files.readString(dir.resolve("registry.log")));
                }
            }
            Thread.sleep(200);
        }
        r.close();
        throw new IOException("registry did not answer on " + r.address());
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** A docker config folder logged in to this registry (docker login, password on stdin). */
    Path login(String docker, Path configDir, String dockerHost) throws Exception {
        return login(docker, configDir, dockerHost, address());
    }

    /** Logs {@code configDir} in to {@code address} too (a proxy in front of this registry). */
    Path loginTo(String docker, Path configDir, String address) throws Exception {
        return login(docker, configDir, null, address);
    }

    private Path login(String docker, Path configDir, String dockerHost, String address) throws Exception {
        Files.createDirectories(configDir);
        ProcessBuilder pb = new ProcessBuilder(docker, "login", "-u", USER, "--password-stdin", address)
                .redirectErrorStream(true);
        pb.environment().put("DOCKER_CONFIG", configDir.toString());
        if (dockerHost != null) {
            pb.environment().put("DOCKER_HOST", dockerHost);
        }
        Process p = pb.start();
        p.getOutputStream().write(PASSWORD.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("docker login failed: " + out);
        }
        return configDir;
    }

    /** A docker config folder with a wrong password for this registry. */
    Path wrongLogin(Path configDir) throws IOException {
        Files.createDirectories(configDir);
        String auth = java.util.Base64.getEncoder().encodeToString((USER + ":wrong").getBytes(StandardCharsets.UTF_8));
        Files.writeString(configDir.resolve("config.json"), "{\"auths\":{\"" + address() + "\":{\"auth\":\"" + auth + "\"}}}");
        return configDir;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
