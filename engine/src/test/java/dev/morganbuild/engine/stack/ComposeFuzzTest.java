package dev.morganbuild.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.morganbuild.engine.MorganException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the compose / x-morgan parser with generated documents: random text, valid skeletons with
 * values of every wrong type in every field, mutations of the example stack's compose file, deep
 * nesting, alias bombs, huge scalars, hostile unicode, several documents, merge keys. Whatever comes
 * in, {@link ComposeParser#parse} returns a stack or throws a {@link MorganException} that names the
 * file, the line and a fix, within a bounded time; anything else fails the test. Counts are printed.
 */
class ComposeFuzzTest {
    /** A parse slower than this fails the property (an alias bomb must be refused, not expanded). */
    static final long MAX_PARSE_MILLIS = 3000;
    private static final Path EXAMPLE = locateExample();
    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private static final AtomicLong MAX_MILLIS = new AtomicLong();
    private static final AtomicLong LONGEST_INPUT = new AtomicLong();
    private static ExecutorService worker;
    private static Path root;

    @BeforeContainer
    static void start() throws IOException {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-parse");
            t.setDaemon(true);
            return t;
        });
        root = Files.createTempDirectory("morgan-fuzz-");
        // the example's Dockerfiles, so that mutations of its compose file can still parse
        try (var files = Files.walk(EXAMPLE.getParent())) {
            for (Path src : (Iterable<Path>) files::iterator) {
                Path to = root.resolve(EXAMPLE.getParent().relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(to);
                } else if (!src.equals(EXAMPLE)) {
                    Files.copy(src, to);
                }
            }
        }
        Fixture.write(root, "app/Dockerfile", Fixture.CPU_DOCKERFILE);
        Fixture.write(root, "gpu/Dockerfile", "ARG CUDA=nvidia/cuda:12.4.1-runtime-ubuntu22.04\nFROM ${CUDA} AS base\n"
                + "RUN --mount=type=cache,target=/var/cache/apt apt-get update\nFROM base AS app\nCOPY . /srv\n");
    }

    @AfterContainer
    static void report() {
        worker.shutdownNow();
        long total = COUNTS.entrySet().stream().filter(e -> e.getKey().startsWith("kind "))
                .mapToLong(e -> e.getValue().get()).sum();
        System.out.printf("compose fuzz: %d documents (%s); %d parsed, %d rejected with file, line and fix; "
                        + "slowest parse %d ms; largest input %d bytes%n",
                total, kinds(), count("parsed"), count("rejected"), MAX_MILLIS.get(), LONGEST_INPUT.get());
    }

    private static String kinds() {
        List<String> parts = new ArrayList<>();
        COUNTS.entrySet().stream().filter(e -> e.getKey().startsWith("kind ")).sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(e.getKey().substring(5) + " " + e.getValue().get()));
        return String.join(", ", parts);
    }

    private static long count(String key) {
        AtomicLong n = COUNTS.get(key);
        return n == null ? 0 : n.get();
    }

    @Property(tries = 2500)
    void randomText(@ForAll @StringLength(max = 600) String text) throws Exception {
        check("random text", text);
    }

    @Property(tries = 3000)
    void wrongTypesInEveryField(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        check("wrong types", skeleton(r, () -> Values.any(r, 3)));
    }

    @Property(tries = 2500)
    void mutatedExampleCompose(@ForAll long seed) throws Exception {
        check("mutated example", Mutations.mutate(Files.readString(EXAMPLE, StandardCharsets.UTF_8), new Random(seed)));
    }

    /**
     * The example compose file with bytes that are not UTF-8 (a lone continuation byte, a Latin-1 'é', a
     * truncated sequence, an overlong '/', an encoded surrogate, 0xFF) put in at random places: refused,
     * naming the line and column of the first bad byte.
     */
    @Property(tries = 800)
    void invalidUtf8(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        byte[][] bad = {{(byte) 0x80}, {(byte) 0xE9}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80}};
        String text = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int firstBadLine = -1;
        int firstBadColumn = -1;
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            if (r.nextInt(text.length()) < 2 || i == text.length() - 1 && firstBadLine < 0) {
                if (firstBadLine < 0) {
                    firstBadLine = line;
                    firstBadColumn = column;
                }
                out.writeBytes(bad[r.nextInt(bad.length)]);
            }
            char c = text.charAt(i);
            out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        Object outcome = check("invalid UTF-8", out.toByteArray(), text);
        assertThat(outcome).isInstanceOf(MorganException.class);
        MorganException e = (MorganException) outcome;
        assertThat(e.problem()).contains("not valid UTF-8");
        assertThat(e.line()).isEqualTo(firstBadLine);
        assertThat(e.column()).isEqualTo(firstBadColumn);
    }

    /**
     * The example compose file over mutations of the example's core Dockerfile: lines dropped, cut,
     * doubled, garbage put in, and ARGs that repeat each other (exponential growth) or nest defaults
     * deeply. The Dockerfile is read as part of the parse, so the same outcomes are required.
     */
    @Property(tries = 1500)
    void mutatedDockerfile(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        Path dockerfile = root.resolve("core/Dockerfile");
        String original = Files.readString(EXAMPLE.resolveSibling("core/Dockerfile"), StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        if (r.nextInt(3) == 0) {
            int n = 1 + r.nextInt(14);
            text.append("ARG V0=").append(Values.text(r, 1 + r.nextInt(12)).replace('\n', ' ')).append('\n');
            for (int i = 1; i <= n; i++) {
                text.append("ARG V").append(i).append('=').append(("${V" + (i - 1) + "}").repeat(2 + r.nextInt(12)))
                        .append('\n');
            }
            text.append("ARG BASE_IMAGE=${V").append(n).append("}\n");
        }
        if (r.nextInt(3) == 0) {
            int depth = r.nextInt(3000);
            text.append("ARG D=").append("${U:-".repeat(depth)).append('x').append("}".repeat(depth)).append('\n');
        }
        text.append(Mutations.mutate(original, r));
        try {
            Files.write(dockerfile, text.toString().getBytes(StandardCharsets.UTF_8));
            check("mutated Dockerfile", Files.readString(EXAMPLE, StandardCharsets.UTF_8));
        } finally {
            Files.writeString(dockerfile, original, StandardCharsets.UTF_8);
        }
    }

    @Property(tries = 600)
    void deepNesting(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        int depth = 10 + r.nextInt(r.nextBoolean() ? 200 : 20_000);
        String doc = switch (r.nextInt(4)) {
            case 0 -> "services:\n  a:\n    build:\n      args: " + "[".repeat(depth) + "1" + "]".repeat(depth) + "\n";
            case 1 -> "x-deep: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth) + "\nservices: {}\n";
            case 2 -> {
                StringBuilder sb = new StringBuilder("services:\n");
                for (int i = 0; i < Math.min(depth, 400); i++) {
                    sb.append("  ".repeat(i + 1)).append("k").append(i).append(":\n");
                }
                yield sb.append("  ".repeat(Math.min(depth, 400) + 1)).append("v\n").toString();
            }
            default -> "services:\n  a:\n    build:\n      context: " + "- ".repeat(Math.min(depth, 3000)) + "x\n";
        };
        check("deep nesting", doc);
    }

    @Property(tries = 600)
    void aliasBombs(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        int levels = 2 + r.nextInt(12);
        int fanOut = 2 + r.nextInt(9);
        StringBuilder sb = new StringBuilder("x-bomb:\n  l0: &l0 [\"lol\"]\n");
        for (int i = 1; i <= levels; i++) {
            sb.append("  l").append(i).append(": &l").append(i).append(" [");
            for (int k = 0; k < fanOut; k++) {
                sb.append(k == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            sb.append("]\n");
        }
        sb.append("services:\n  app:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n");
        sb.append(r.nextBoolean() ? "      args: *l" + levels + "\n" : "      labels: {x: *l" + levels + "}\n");
        if (r.nextBoolean()) {
            sb.append("x-morgan: &m\n  budget: *l").append(levels).append('\n');
        }
        check("alias bomb", sb.toString());
    }

    @Property(tries = 300)
    void hugeValues(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        int size = 1 + r.nextInt(r.nextInt(10) == 0 ? 2_000_000 : 100_000);
        String big = Values.text(r, size);
        String doc = switch (r.nextInt(5)) {
            case 0 -> "services:\n  " + Values.quoted(big) + ":\n    build: .\n";
            case 1 -> "services:\n  app:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n      args:\n"
                    + "        A: " + Values.quoted(big) + "\n";
            case 2 -> "services:\n  app:\n    build:\n      context: " + Values.quoted(big) + "\n";
            case 3 -> "x-morgan:\n  cache:\n    budget: " + "9".repeat(Math.min(size, 5000)) + "TiB\nservices:\n  app:\n"
                    + "    build: {context: ., dockerfile: app/Dockerfile}\n";
            default -> "services:\n" + "  s%d:\n    build: {context: ., dockerfile: app/Dockerfile}\n".repeat(1)
                    .formatted(0) + "x-many:\n" + "  - a\n".repeat(Math.min(size, 200_000));
        };
        check("huge values", doc);
    }

    @Property(tries = 700)
    void hostileUnicodeAndEncodings(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        String[] nasty = {"\u202Eevil\u202C", "\\0", "\\uD800", "\\x00", "caf\u00e9", "\uD83D\uDE80rocket", "\u0000",
            "a\u0301\u0301\u0301", "\uFEFF", "\t", "\r\n", "\u2028", "..\\u002F..", "\u0085", "\\e[31m", "\uFFFF"};
        String n = nasty[r.nextInt(nasty.length)];
        String quoted = "\"" + n.replace("\"", "") + "\"";
        String doc = switch (r.nextInt(6)) {
            case 0 -> "services:\n  " + quoted + ":\n    build: {context: ., dockerfile: app/Dockerfile}\n";
            case 1 -> "services:\n  app:\n    build:\n      context: " + quoted + "\n      dockerfile: app/Dockerfile\n";
            case 2 -> "services:\n  app:\n    build:\n      context: .\n      dockerfile: " + quoted + "\n";
            case 3 -> "\uFEFFservices:\r\n  app:\r\n    build:\r\n\t  context: .\r\n";
            case 4 -> "services:\n  app:\n    build: {context: ., dockerfile: app/Dockerfile, target: " + quoted
                    + ", args: {" + quoted + ": " + quoted + "}}\n    x-morgan: {gpu-label: " + quoted + "}\n";
            default -> "services:\n  app:\n    build: {context: ., dockerfile: app/Dockerfile}\n---\nservices: {}\n"
                    + (r.nextBoolean() ? "...\n%YAML 1.1\n---\n" : "") + n + "\n";
        };
        check("unicode and encodings", doc);
    }

    @Property(tries = 500)
    void mergeKeysAndAnchors(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        String doc = switch (r.nextInt(5)) {
            case 0 -> "x-base: &b\n  build: {context: ., dockerfile: app/Dockerfile}\nservices:\n  a:\n    <<: *b\n"
                    + "  b:\n    <<: [*b, " + Values.any(r, 2) + "]\n";
            case 1 -> "services: &s\n  a:\n    build: {context: ., dockerfile: app/Dockerfile}\n    x: *s\n";
            case 2 -> "x-a: &a\n  <<: *a\nservices: {}\n";
            case 3 -> "services:\n  a: &a\n    build: {context: ., dockerfile: app/Dockerfile}\n    depends_on: [b]\n"
                    + "  b:\n    <<: *a\n    depends_on: [a]\n";
            default -> "services:\n  *undefined: 1\n";
        };
        check("merge keys and anchors", doc);
    }

    /** A valid compose layout whose fields take generated values. */
    private static String skeleton(Random r, java.util.function.Supplier<String> value) {
        String[] fields = {"context", "dockerfile", "target", "args", "labels", "cache_from", "cache_to", "secrets",
            "network", "platforms", "additional_contexts", "tags", "ssh", "shm_size", "extra_hosts", "no_cache"};
        String[] morgan = {"gpu-label", "cpu-label", "budget", "cache", "nightly", "smoke-test", "labels", "node-label"};
        StringBuilder sb = new StringBuilder();
        if (r.nextBoolean()) {
            sb.append("x-morgan:\n");
            for (int i = 0; i < 1 + r.nextInt(4); i++) {
                sb.append("  ").append(morgan[r.nextInt(morgan.length)]).append(": ").append(value.get()).append('\n');
            }
        }
        sb.append(r.nextInt(10) == 0 ? "services: " + value.get() + "\n" : "services:\n");
        for (int s = 0; s < 1 + r.nextInt(3); s++) {
            sb.append("  svc").append(s).append(":\n");
            if (r.nextInt(6) == 0) {
                sb.append("    build: ").append(value.get()).append('\n');
            } else {
                sb.append("    build:\n      context: .\n      dockerfile: ").append(r.nextBoolean() ? "app" : "gpu")
                        .append("/Dockerfile\n");
                for (int i = 0; i < 1 + r.nextInt(4); i++) {
                    sb.append("      ").append(fields[r.nextInt(fields.length)]).append(": ").append(value.get()).append('\n');
                }
            }
            if (r.nextBoolean()) {
                String[] service = {"image", "depends_on", "deploy", "runtime", "x-morgan", "profiles", "environment"};
                sb.append("    ").append(service[r.nextInt(service.length)]).append(": ").append(value.get()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Parses one document in its own project folder, with a time limit, and checks the outcome. */
    private static void check(String kind, String doc) throws Exception {
        // a file holds bytes: a lone surrogate a mutation may leave in the string is written as '?'
        check(kind, doc.getBytes(StandardCharsets.UTF_8), doc);
    }

    private static Object check(String kind, byte[] bytes, String doc) throws Exception {
        COUNTS.computeIfAbsent("kind " + kind, k -> new AtomicLong()).incrementAndGet();
        LONGEST_INPUT.accumulateAndGet(bytes.length, Math::max);
        Path compose = root.resolve("docker-compose.yml");
        Files.write(compose, bytes);
        long t0 = System.nanoTime();
        Future<Object> f = worker.submit(() -> {
            try {
                return ComposeParser.parse(compose, root, Map.of("HOME", "/home/u"));
            } catch (MorganException e) {
                return e;
            }
        });
        Object outcome;
        try {
            outcome = f.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(kind + ": parse did not finish in 30 s: " + preview(doc));
        } catch (ExecutionException e) {
            throw new AssertionError(kind + ": parse threw " + e.getCause() + " (not a MorganException) for: "
                    + preview(doc), e.getCause());
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        MAX_MILLIS.accumulateAndGet(millis, Math::max);
        assertThat(millis).as("%s: parse time for %s", kind, preview(doc)).isLessThan(MAX_PARSE_MILLIS);
        if (outcome instanceof Stack) {
            COUNTS.computeIfAbsent("parsed", k -> new AtomicLong()).incrementAndGet();
        } else if (outcome instanceof MorganException e) {
            COUNTS.computeIfAbsent("rejected", k -> new AtomicLong()).incrementAndGet();
            assertThat(e.file()).as("%s: file of %s for %s", kind, e.getMessage(), preview(doc)).isNotNull();
            assertThat(e.line()).as("%s: line of '%s' for %s", kind, e.getMessage(), preview(doc)).isPositive();
            assertThat(e.problem()).as("%s: problem for %s", kind, preview(doc)).isNotBlank();
            assertThat(e.hint()).as("%s: hint of '%s' for %s", kind, e.getMessage(), preview(doc)).isNotBlank();
        } else {
            fail(kind + ": unexpected outcome " + outcome);
        }
        return outcome;
    }

    private static String preview(String doc) {
        String s = doc.length() > 300 ? doc.substring(0, 300) + "... (" + doc.length() + " chars)" : doc;
        return "\n---\n" + s + "\n---";
    }

    private static Path locateExample() {
        for (Path p : List.of(Path.of("../examples/morgan-stack/docker-compose.yml"),
                Path.of("examples/morgan-stack/docker-compose.yml"))) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("examples/morgan-stack/docker-compose.yml not found");
    }

    /** Generated YAML values of every kind, rendered as flow text. */
    static final class Values {
        private Values() {
        }

        static String any(Random r, int depth) {
            int pick = r.nextInt(depth <= 0 ? 9 : 12);
            return switch (pick) {
                case 0 -> String.valueOf(r.nextLong());
                case 1 -> String.valueOf(r.nextDouble() * Math.pow(10, r.nextInt(40)));
                case 2 -> r.nextBoolean() ? "true" : "no";
                case 3 -> "null";
                case 4 -> "~";
                case 5 -> quoted(text(r, r.nextInt(40)));
                case 6 -> "''";
                case 7 -> List.of("-1", "0x7f", ".inf", "-.nan", "1e999", "2026-11-22", "12:30:00", "!!binary aGk=",
                        "!!str 5", "!custom x", "=", "<<").get(r.nextInt(12));
                case 8 -> List.of("4GiB", "-1GiB", "10m", "999999999999999999999TiB", "0", "1.5.6GB", "GiB", "1 GiB",
                        "../../etc", "/etc/passwd", "$HOME", "${UNSET:?boom}", "${A:-${B:-c}}", "$$", "${", "}")
                        .get(r.nextInt(16));
                case 9, 10 -> {
                    StringBuilder sb = new StringBuilder("[");
                    for (int i = 0; i < r.nextInt(4); i++) {
                        sb.append(i == 0 ? "" : ", ").append(any(r, depth - 1));
                    }
                    yield sb.append(']').toString();
                }
                default -> {
                    StringBuilder sb = new StringBuilder("{");
                    for (int i = 0; i < r.nextInt(4); i++) {
                        sb.append(i == 0 ? "" : ", ").append(quoted(text(r, 1 + r.nextInt(8)))).append(": ")
                                .append(any(r, depth - 1));
                    }
                    yield sb.append('}').toString();
                }
            };
        }

        /** Random text from printable ASCII, YAML punctuation, controls and astral code points. */
        static String text(Random r, int length) {
            StringBuilder sb = new StringBuilder(length);
            String punct = "{}[]:,#&*!|>'\"%@`-?$\\/ \t";
            for (int i = 0; i < length; i++) {
                int p = r.nextInt(20);
                if (p < 12) {
                    sb.append((char) ('a' + r.nextInt(26)));
                } else if (p < 16) {
                    sb.append(punct.charAt(r.nextInt(punct.length())));
                } else if (p < 18) {
                    sb.append((char) r.nextInt(0x20));
                } else {
                    int cp = 0xA0 + r.nextInt(0x10FFFF - 0xA0 - 0x800);
                    sb.appendCodePoint(cp >= 0xD800 ? cp + 0x800 : cp); // no surrogate code points
                }
            }
            return sb.toString();
        }

        /** A double-quoted YAML scalar with every character that needs it escaped. */
        static String quoted(String s) {
            StringBuilder sb = new StringBuilder("\"");
            s.codePoints().forEach(c -> {
                if (c == '"' || c == '\\') {
                    sb.append('\\').append((char) c);
                } else if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF) || c == 0x7F) {
                    sb.append(String.format("\\x%02x", c & 0xFF));
                } else {
                    sb.appendCodePoint(c);
                }
            });
            return sb.append('"').toString();
        }
    }

    /** Random edits of a real compose file. */
    static final class Mutations {
        private Mutations() {
        }

        static String mutate(String text, Random r) {
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                int i = r.nextInt(lines.size());
                String line = lines.get(i);
                switch (r.nextInt(9)) {
                    case 0 -> lines.remove(i);
                    case 1 -> lines.add(i, line);
                    case 2 -> lines.set(i, " ".repeat(r.nextInt(6)) + line.stripLeading());
                    case 3 -> lines.set(i, line.isEmpty() ? "?" : line.substring(0, r.nextInt(line.length())));
                    case 4 -> {
                        int at = r.nextInt(line.length() + 1);
                        lines.set(i, line.substring(0, at) + Values.text(r, 1 + r.nextInt(4)) + line.substring(at));
                    }
                    case 5 -> lines.set(i, line.replace(": ", ": " + Values.any(r, 2) + " #"));
                    case 6 -> lines.set(i, line.replace("\t", "  ").replace("  ", "\t"));
                    case 7 -> lines.set(i, line.replaceAll("[a-z]+/Dockerfile", "../../outside/Dockerfile"));
                    default -> lines.add(i, line.replaceAll("\\S.*", java.util.regex.Matcher.quoteReplacement(
                            "x-" + r.nextInt(100) + ": " + Values.any(r, 2))));
                }
                if (lines.isEmpty()) {
                    lines.add("");
                }
            }
            return String.join("\n", lines);
        }
    }
}
