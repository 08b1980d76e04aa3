package dev.morganbuild.engine.dockerfile;

import java.util.HashMap;
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
    /** The variables in scope, kept up to date as ARGs are declared (a Dockerfile may declare many). */
    private final Map<String, String> vars;
    /** Each global ARG's default as written (null: none, or overridden by a build arg). */
    private final Map<String, String> rawDefaults = new HashMap<>();

    FromScope(Map<String, String> platformArgs) {
        this.platformArgs = Map.copyOf(platformArgs);
        this.vars = new HashMap<>(platformArgs);
    }

    /**
     * Declares the global ARG {@code name} with its effective {@code value} (null: none) and the
     * default written for it (null when it has none or a build arg set it). One declared without a
     * value keeps the automatic value of a platform ARG.
     */
    void declare(String name, String value, String rawDefault) {
        rawDefaults.put(name, rawDefault);
        if (value != null || !platformArgs.containsKey(name)) {
            vars.put(name, value);
        }
    }

    /** The variables in scope (a live view: do not keep it across declarations). */
    Map<String, String> variables() {
        return vars;
    }

    /** The automatic platform ARGs {@code text} refers to, directly or through global ARG defaults, with their values. */
    Map<String, String> platformArgsIn(String text) {
        Set<String> found = new HashSet<>();
        collect(text, found, new HashSet<>(), 0);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : BuildPlatform.ARG_NAMES.stream().sorted().toList()) {
            if (found.contains(name) && vars.get(name) != null) {
                out.put(name, vars.get(name));
            }
        }
        return out;
    }

    private boolean automatic(String name) {
        return platformArgs.containsKey(name) && platformArgs.get(name).equals(vars.get(name))
                && rawDefaults.get(name) == null;
    }

    private void collect(String text, Set<String> found, Set<String> seen, int depth) {
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String raw = rawDefaults.get(name);
            if (automatic(name)) {
                found.add(name);
            } else if (raw != null && depth < DockerfileVars.MAX_NESTING && seen.add(name)) {
                collect(raw, found, seen, depth + 1);
            }
        }
    }
}
