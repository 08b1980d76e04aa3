package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One project of the differential corpus and how it is read: {@code case.properties} gives the
 * working folder ({@code dir}), {@code -f} files ({@code files}, ':'-separated), {@code envFiles},
 * {@code profiles} (','-separated), the environment ({@code env.NAME=value}) and, when the
 * specification decides instead of docker-compose 1.29, {@code spec=<why>}.
 */
record CorpusCase(Path root, String dir, List<String> files, List<String> envFiles, List<String> profiles,
                  Map<String, String> env, String spec) {
    static final String DEFAULT_IMAGE = "(default)";
    static final String INLINE = "(inline)";

    static CorpusCase of(Path root, Properties p) {
        Map<String, String> env = new TreeMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("env.")).forEach(k -> env.put(k.substring(4), p.getProperty(k)));
        return new CorpusCase(root, p.getProperty("dir", "."), list(p.getProperty("files"), ":"),
                list(p.getProperty("envFiles"), ":"), list(p.getProperty("profiles"), ","), env, p.getProperty("spec"));
    }

    private static List<String> list(String v, String sep) {
        return v == null || v.isBlank() ? List.of() : List.of(v.strip().split("\\s*" + java.util.regex.Pattern.quote(sep) + "\\s*"));
    }

    ProjectOptions options() {
        return new ProjectOptions(root.resolve(dir), files.stream().map(Path::of).toList(), null,
                envFiles.stream().map(Path::of).toList(), profiles, null, env);
    }

    /** morgan's stack in the corpus's normal form: {services: {name: {context, dockerfile, target, args, image, active}}}. */
    static Map<String, Object> normalise(Path root, Stack stack) {
        Map<String, Object> services = new TreeMap<>();
        stack.services().forEach((name, s) -> {
            Map<String, Object> m = new TreeMap<>();
            BuildSpec b = s.build();
            m.put("context", b.isRemote() ? b.remote().url() : rel(root, b.context()));
            m.put("dockerfile", b.dockerfile() == null ? b.remote().dockerfile()
                    : b.dockerfile().startsWith(root) ? b.context().relativize(b.dockerfile()).toString() : INLINE);
            if (b.target() != null) {
                m.put("target", b.target());
            }
            m.put("args", new TreeMap<>(b.args()));
            String first = b.tags().get(0);
            m.put("image", b.tags().size() == 1 && first.endsWith("-" + name.toLowerCase(java.util.Locale.ROOT))
                    && !first.contains("/") && !first.contains(":") ? DEFAULT_IMAGE : first);
            m.put("active", stack.active(name));
            services.put(name, m);
        });
        stack.problems().forEach((name, e) -> services.put(name, Map.of("error", problem(e))));
        return new TreeMap<>(Map.of("services", services));
    }

    private static String problem(MorganException e) {
        return e.getMessage();
    }

    /** docker-compose config's output in the same form, under this case's profiles. */
    @SuppressWarnings("unchecked")
    Map<String, Object> fromCompose(Path root, Map<String, Object> config) {
        Map<String, Object> services = new TreeMap<>();
        Map<String, Object> all = (Map<String, Object>) config.getOrDefault("services", Map.of());
        all.forEach((name, v) -> {
            Map<String, Object> svc = (Map<String, Object>) v;
            Object build = svc.get("build");
            if (build == null) {
                return;
            }
            Map<String, Object> b = build instanceof Map ? (Map<String, Object>) build : Map.of("context", build);
            String ctx = String.valueOf(b.get("context"));
            String df = String.valueOf(b.getOrDefault("dockerfile", "Dockerfile"));
            Map<String, Object> m = new TreeMap<>();
            if (RemoteContext.is(ctx)) { // as written: BuildKit fetches it
                m.put("context", ctx);
                m.put("dockerfile", df);
            } else {
                Path context = Path.of(ctx);
                m.put("context", rel(root, context));
                m.put("dockerfile", context.relativize(context.resolve(df).normalize()).toString());
            }
            if (b.get("target") != null) {
                m.put("target", String.valueOf(b.get("target")));
            }
            Map<String, String> args = new TreeMap<>();
            Object a = b.get("args");
            if (a instanceof Map<?, ?> am) {
                am.forEach((k, val) -> {
                    if (val != null) {
                        args.put(String.valueOf(k), unescape(String.valueOf(val)));
                    }
                });
            }
            m.put("args", args);
            m.put("image", svc.get("image") == null ? DEFAULT_IMAGE : unescape(String.valueOf(svc.get("image"))));
            List<String> own = new ArrayList<>(ComposeDifferentialIT.set(svc.get("profiles")));
            List<String> active = !profiles.isEmpty() ? profiles : list(env.get("COMPOSE_PROFILES"), ",");
            m.put("active", own.isEmpty() || own.stream().anyMatch(active::contains));
            services.put(name, m);
        });
        return new TreeMap<>(Map.of("services", services));
    }

    /** docker-compose config writes a literal '$' as "$$" so that its output reads back the same. */
    private static String unescape(String s) {
        return s.replace("$$", "$");
    }

    private static String rel(Path root, Path p) {
        String r = root.relativize(p.normalize()).toString();
        return r.isEmpty() ? "." : r;
    }
}
