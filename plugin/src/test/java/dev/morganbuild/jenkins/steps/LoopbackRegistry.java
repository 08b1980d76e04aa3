package dev.morganbuild.jenkins.steps;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real registry for push tests: Debian's docker-registry with htpasswd auth on a free loopback port
 * (Docker treats 127.0.0.0/8 as an insecure registry, so no TLS), its storage in the test's folder.
 * The engine's RegistryIT runs the same registry; scripts/test.sh installs both tools.
 */
final class LoopbackRegistry implements AutoCloseable {
    static final String USER = "morgan";
    final String password = "pw-" + UUID.randomUUID();
    private final Path dir;
    private Process process;
    private int port;

    private LoopbackRegistry(Path dir) {
        this.dir = dir;
    }

    static LoopbackRegistry start(Path dir) throws Exception {
        for (String tool : List.of("/usr/bin/docker-registry", "/usr/bin/htpasswd")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new AssertionError(tool + " is missing: scripts/test.sh installs docker-registry and apache2-utils");
            }
        }
        LoopbackRegistry r = new LoopbackRegistry(Files.createDirectories(dir));
        r.serve();
        return r;
    }

    private void serve() throws Exception {
        Process h = new ProcessBuilder("/usr/bin/htpasswd", "-Bbn", USER, password).start();
        byte[] line = h.getInputStream().readAllBytes();
        if (h.waitFor() != 0) {
            throw new IOException("htpasswd failed");
        }
        Files.write(dir.resolve("htpasswd"), line);
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("config.yml"), "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n"
                + "    rootdirectory: " + dir.resolve("data") + "\nhttp:\n  addr: " + address() + "\nauth:\n  htpasswd:\n"
                + "    realm: morgan-test\n    path: " + dir.resolve("htpasswd") + "\n");
        process = new ProcessBuilder("/usr/bin/docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (connection("/v2/", false).getResponseCode() == 401) {
                    return; // up, and asking for credentials
                }
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("registry exited: " + Files.readString(dir.resolve("registry.log")));
                }
            }
            Thread.sleep(200);
        }
        throw new IOException("registry did not answer on " + address());
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** The status of a HEAD of {@code repository:tag}'s manifest, asked with the registry's credentials. */
    int manifestStatus(String repository, String tag) throws IOException {
        HttpURLConnection c = connection("/v2/" + repository + "/manifests/" + tag, true);
        c.setRequestMethod("HEAD");
        c.setRequestProperty("Accept", "application/vnd.docker.distribution.manifest.v2+json");
        return c.getResponseCode();
    }

    /** The registry's digest of {@code repository:tag} (its {@code Docker-Content-Digest}), or null. */
    String manifestDigest(String repository, String tag) throws IOException {
        HttpURLConnection c = connection("/v2/" + repository + "/manifests/" + tag, true);
        c.setRequestMethod("HEAD");
        c.setRequestProperty("Accept", "application/vnd.docker.distribution.manifest.v2+json");
        return c.getResponseCode() == 200 ? c.getHeaderField("Docker-Content-Digest") : null;
    }

    private HttpURLConnection connection(String path, boolean authenticated) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://" + address() + path).toURL().openConnection();
        if (authenticated) {
            c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return c;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
