package dev.morganbuild.cli.bench;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.job.StackRequest;
import dev.morganbuild.engine.stack.Service;
import dev.morganbuild.engine.stack.Stack;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private copy of a stack that the benchmark edits: code changes, dependency changes, Dockerfiles
 * without cache mounts, and the .dockerignore switched off. The user's checkout is never touched.
 */
final class BenchStack {
    private static final Pattern COPY = Pattern.compile("(?im)^\\s*COPY\\s+(?!--from)(?:--\\S+\\s+)*(\\S+)\\s+\\S+\\s*$");
    private static final Pattern APT_INSTALL = Pattern.compile("apt-get install((?:\\s+-[-\\w=]+)*)");
    private static final Pattern CACHE_MOUNT = Pattern.compile("--mount=type=cache\\S*[ \\t]*(\\\\\\r?\\n[ \\t]*)?");

    private final Path root;
    private final Path compose;
    private Stack stack;

    private BenchStack(Path root, Path compose) {
        this.root = root;
        this.compose = compose;
        this.stack = read(compose, root);
    }

    /**
     * Copies the folder of {@code composeFile} into {@code dest}, adding {@code ENV MORGAN_BENCH_SALT}
     * after each Dockerfile's first FROM: this copy's layers are new to the layer cache, while the
     * engine's apt/pip cache mounts stay shared with earlier builds, as on a real agent.
     */
    static BenchStack copy(Path composeFile, Path dest, String salt) throws IOException {
        Path source = composeFile.toAbsolutePath().normalize().getParent();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path src : (Iterable<Path>) files::iterator) {
                Path to = dest.resolve(source.relativize(src).toString());
                if (Files.isSymbolicLink(src)) {
                    continue;
                }
                if (Files.isDirectory(src)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(src, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        BenchStack copy = new BenchStack(dest, dest.resolve(composeFile.getFileName().toString()));
        for (Service s : copy.stack.services().values()) {
            local(s);
            Path df = s.build().dockerfile();
            String text = Files.readString(df, StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("(?im)^FROM\\s.*$").matcher(text);
            if (m.find() && !text.contains("MORGAN_BENCH_SALT")) {
                text = text.substring(0, m.end()) + "\nENV MORGAN_BENCH_SALT=" + salt + text.substring(m.end());
                Files.writeString(df, text, StandardCharsets.UTF_8);
            }
        }
        copy.stack = read(copy.compose, dest);
        return copy;
    }

    private static Stack read(Path compose, Path root) {
        return BuildService.local().stack(StackRequest.builder().workingDir(root).composeFile(compose).trustRoot(root)
                .env(System.getenv()).build());
    }

    Path composeFile() {
        return compose;
    }

    Path root() {
        return root;
    }

    Stack stack() {
        return stack;
    }

    Service service(String name) {
        return local(stack.service(name));
    }

    /** The bench edits Dockerfiles and contexts: a service whose context BuildKit fetches has neither here. */
    private static Service local(Service s) {
        if (s.build().isRemote()) {
            throw MorganException.of("service " + s.name() + " builds from the remote context " + s.build().contextText()
                    + ", which the bench cannot copy or change", "benchmark a stack whose services have local contexts");
        }
        return s;
    }

    /**
     * A code change: writes a new file into the folder that the service's last {@code COPY} copies
     * from the context, so that COPY and every step after it must run again.
     */
    void codeChange(String service, int n) throws IOException {
        Service s = service(service);
        String text = Files.readString(s.build().dockerfile(), StandardCharsets.UTF_8);
        Matcher m = COPY.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null) {
            throw MorganException.of(s.build().dockerfile() + " has no COPY from the context to change",
                    "benchmark a service whose Dockerfile copies its code with COPY");
        }
        Path src = s.build().context().resolve(last).normalize();
        Path dir = Files.isDirectory(src) ? src : src.getParent();
        Files.writeString(dir.resolve("morgan_bench_edit.py"), "EDIT = " + n + "\n", StandardCharsets.UTF_8);
    }

    /**
     * A dependency change: one more package on the service's {@code apt-get install} line; the nonce
     * makes every repetition a new instruction, so each one installs again, as a real change does.
     */
    void dependencyChange(String service, String aptPackage, String nonce) throws IOException {
        Path df = service(service).build().dockerfile();
        String original = originalDockerfile(df);
        Matcher m = APT_INSTALL.matcher(original);
        if (!m.find()) {
            throw MorganException.of(df + " has no apt-get install line",
                    "benchmark a service whose Dockerfile installs packages with apt-get install");
        }
        int eol = original.indexOf('\n', m.end());
        eol = eol < 0 ? original.length() : eol;
        String changed = original.substring(0, m.end()) + " " + aptPackage + original.substring(m.end(), eol)
                + " && true morgan-bench-" + nonce + original.substring(eol);
        Files.writeString(df, stripped ? CACHE_MOUNT.matcher(changed).replaceAll("") : changed, StandardCharsets.UTF_8);
    }

    private boolean stripped;

    /** Whether the next {@link #dependencyChange} writes the Dockerfile without its cache mounts (the seed's "before"). */
    void withoutCacheMounts(boolean value) {
        stripped = value;
    }

    /** Puts the service's Dockerfile back as it was copied. */
    void restoreDockerfile(String service) throws IOException {
        Path df = service(service).build().dockerfile();
        Files.writeString(df, originalDockerfile(df), StandardCharsets.UTF_8);
        stripped = false;
    }

    private static String originalDockerfile(Path df) throws IOException {
        Path saved = df.resolveSibling(df.getFileName() + ".bench-original");
        if (!Files.exists(saved)) {
            Files.copy(df, saved);
        }
        return Files.readString(saved, StandardCharsets.UTF_8);
    }

    /** Removes what the cache-mount-stripping does to a Dockerfile text (for tests and the report). */
    static String stripCacheMounts(String dockerfile) {
        return CACHE_MOUNT.matcher(dockerfile).replaceAll("");
    }

    /** Switches the context's .dockerignore off (renamed aside) or back on. */
    void dockerignore(boolean on) throws IOException {
        Path file = root.resolve(".dockerignore");
        Path aside = root.resolve(".dockerignore.bench-off");
        if (on && Files.exists(aside)) {
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING);
        } else if (!on && Files.exists(file)) {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * What a real checkout carries beside the sources and a .dockerignore keeps out: model weights,
     * a virtualenv, byte code and logs. Random bytes, so nothing compresses them away.
     */
    void addCheckoutClutter(long bytes) throws IOException {
        Random random = new Random(42);
        write(root.resolve("models/weights.bin"), bytes * 3 / 4, random);
        write(root.resolve(".venv/lib/site-packages/blob.so"), bytes / 8, random);
        write(root.resolve("data/cache.db"), bytes / 16, random);
        write(root.resolve("logs/run.log"), bytes / 32, random);
        for (int i = 0; i < 64; i++) {
            write(root.resolve("shared/morgan_shared/__pycache__/m" + i + ".cpython-311.pyc"), bytes / 32 / 64, random);
        }
    }

    private static void write(Path file, long size, Random random) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buf.length) {
                random.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
    }

    List<String> serviceNames() {
        return stack.serviceNames();
    }
}
