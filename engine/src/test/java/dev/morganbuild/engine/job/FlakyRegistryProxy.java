package dev.morganbuild.engine.job;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a registry that answers {@code 429 Too Many Requests} to every
 * manifest request while {@link #refusing} is set, and passes everything else through, as a
 * rate-limited registry does. Counts what it refused.
 */
final class FlakyRegistryProxy implements AutoCloseable {
    private final HttpServer server;
    final AtomicInteger refused = new AtomicInteger();
    volatile boolean refusing = true;

    private FlakyRegistryProxy(HttpServer server) {
        this.server = server;
    }

    static FlakyRegistryProxy start(String upstream) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        FlakyRegistryProxy proxy = new FlakyRegistryProxy(server);
        server.createContext("/", ex -> proxy.handle(ex, upstream));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return proxy;
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex, String upstream) throws IOException {
        try (ex) {
            if (ex.getRequestURI().getPath().contains("/manifests/") && refusing) {
                refused.incrementAndGet();
                byte[] body = "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}".getBytes();
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.getResponseHeaders().add("Retry-After", "1");
                ex.sendResponseHeaders(429, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            HttpURLConnection c = (HttpURLConnection) URI.create("http://" + upstream + ex.getRequestURI()).toURL()
                    .openConnection();
            c.setInstanceFollowRedirects(false);
            c.setRequestMethod(ex.getRequestMethod());
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!h.getKey().equalsIgnoreCase("Host") && !h.getKey().equalsIgnoreCase("Content-Length")) {
                    h.getValue().forEach(v -> c.addRequestProperty(h.getKey(), v));
                }
            }
            if (List.of("PUT", "POST", "PATCH").contains(ex.getRequestMethod())) {
                c.setDoOutput(true);
                try (InputStream in = ex.getRequestBody(); OutputStream out = c.getOutputStream()) {
                    in.transferTo(out);
                }
            }
            int code = c.getResponseCode();
            c.getHeaderFields().forEach((k, v) -> {
                if (k != null && !k.equalsIgnoreCase("Transfer-Encoding") && !k.equalsIgnoreCase("Content-Length")) {
                    v.forEach(x -> ex.getResponseHeaders().add(k, x));
                }
            });
            InputStream body = code >= 400 ? c.getErrorStream() : c.getInputStream();
            if (ex.getRequestMethod().equals("HEAD") || body == null) {
                long length = c.getContentLengthLong();
                if (length >= 0) {
                    ex.getResponseHeaders().set("Content-Length", Long.toString(length));
                }
                ex.sendResponseHeaders(code, -1);
                return;
            }
            byte[] bytes = body.readAllBytes();
            ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                ex.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
