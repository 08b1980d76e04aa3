package dev.morganbuild.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The engine classes that the front ends' Java sources name, read from the checkout: the engine's tests do not
 * have the front ends' classes (the plugin's cannot even be built without Jenkins), but their sources are always
 * beside the engine. A class from another package is named by an import or by its qualified name; nested classes
 * follow their outer class ({@code StackRequest.Builder}).
 */
public final class FrontEndSources {
    /** The front ends' source folders, relative to the checkout's root. */
    public static final List<String> MAIN = List.of("cli/src/main/java", "plugin/src/main/java");
    public static final List<String> ALL = List.of("cli/src/main/java", "cli/src/test/java", "plugin/src/main/java",
            "plugin/src/test/java", "benchmarks/src/main/java", "benchmarks/src/test/java");

    private static final Pattern QUALIFIED =
            Pattern.compile("\\bdev\\.morganbuild\\.engine((?:\\.[a-z]\\w*)*)\\.([A-Z]\\w*)((?:\\.[A-Z]\\w*)*)");
    private static final Pattern STATIC_IMPORT = Pattern.compile("(?m)^import\\s+static\\s+([\\w.]+)\\.[\\w*]+\\s*;");
    private static final Pattern WILDCARD = Pattern.compile("(?m)^import\\s+dev\\.morganbuild\\.engine[\\w.]*\\.\\*\\s*;");

    private FrontEndSources() {
    }

    /** The checkout's root: the nearest folder up from the working directory that holds engine/, cli/ and plugin/. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("engine/src/main/java")) && Files.isDirectory(p.resolve("cli/src/main/java"))
                    && Files.isDirectory(p.resolve("plugin/src/main/java"))) {
                return p;
            }
        }
        throw new IllegalStateException("no checkout (engine/, cli/, plugin/) above " + Path.of("").toAbsolutePath());
    }

    /** The binary names ({@code $} before a nested class) of the engine classes named in these source folders. */
    public static Set<String> engineClassesNamedIn(List<String> folders) {
        Set<String> named = new TreeSet<>();
        Path root = root();
        for (String folder : folders) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("no front-end sources at " + dir);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    named.addAll(engineClassesNamedBy(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return named;
    }

    static Set<String> engineClassesNamedBy(Path file) throws IOException {
        String source = Files.readString(file);
        if (WILDCARD.matcher(source).find()) {
            throw new IllegalStateException(file + " imports an engine package with *: name the classes it uses");
        }
        // a static import's last part is a member (or *), not a class: keep only the class it comes from
        String text = STATIC_IMPORT.matcher(source).replaceAll("import $1;");
        Set<String> named = new TreeSet<>();
        Matcher m = QUALIFIED.matcher(text);
        while (m.find()) {
            String top = "dev.morganbuild.engine" + m.group(1) + "." + m.group(2);
            named.add(top);
            String nested = top;
            for (String part : m.group(3).split("\\.")) {
                if (!part.isEmpty()) {
                    nested += "$" + part;
                    named.add(nested);
                }
            }
            // Outer.Nested in the code, once Outer is imported
            Matcher inner = Pattern.compile("\\b" + m.group(2) + "((?:\\.[A-Z]\\w*)+)").matcher(text);
            while (inner.find()) {
                String n = top;
                for (String part : inner.group(1).substring(1).split("\\.")) {
                    n += "$" + part;
                    named.add(n);
                }
            }
        }
        return named;
    }
}
