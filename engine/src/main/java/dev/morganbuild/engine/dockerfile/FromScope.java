package dev.morganbuild.engine.dockerfile;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a {@code FROM} line (and a global ARG's default) sees: BuildKit's automatic platform
 * ARGs, overridden by the global ARGs that have a value. Also tells which platform ARGs a value used,
 * so a plan can say "TARGETARCH=amd64" next to the base image it chose.
 */
final class FromScope {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    private final Map<String, String> platformArgs;
    private final Map<String, String> global;
    /** Each global ARG's default as written (null: none, or overridden by a build arg). */
    private final Map<String, String> rawDefaults = new LinkedHashMap<>();

    FromScope(Map<String, String> platformArgs, Map<String, String> global) {
        this.platformArgs = Map.copyOf(platformArgs);
        this.global = global;
    }

    /** Records the default written for the global ARG {@code name} (null when it has none or a build arg set it). */
    void declare(String name, String rawDefault) {
        rawDefaults.put(name, rawDefault);
    }

    /** Platform ARGs, then every global ARG with a value; one declared without a value keeps the automatic one. */
    Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>(platformArgs);
        global.forEach((k, v) -> {
            if (v != null || !platformArgs.containsKey(k)) {
                vars.put(k, v);
            }
        });
        return vars;
    }

    /** The automatic platform ARGs {@code text} refers to, directly or through global ARG defaults, with their values. */
    Map<String, String> platformArgsIn(String text) {
        Set<String> found = new HashSet<>();
        collect(text, found, new HashSet<>(), 0);
        Map<String, String> vars = variables();
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : platformArgs.keySet()) {
            if (found.contains(name) && vars.get(name) != null) {
                out.put(name, vars.get(name));
            }
        }
        return out;
    }

    private void collect(String text, Set<String> found, Set<String> seen, int depth) {
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String raw = rawDefaults.get(name);
            if (platformArgs.containsKey(name) && global.get(name) == null) {
                found.add(name);
            } else if (raw != null && depth < DockerfileVars.MAX_NESTING && seen.add(name)) {
                collect(raw, found, seen, depth + 1);
            }
        }
    }
}
