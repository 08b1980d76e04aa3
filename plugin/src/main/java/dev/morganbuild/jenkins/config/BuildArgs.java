package dev.morganbuild.jenkins.config;

import dev.morganbuild.jenkins.Messages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forms in which users write build args ({@code KEY=VALUE} lines, or a Pipeline map) and tags
 * (words), turned into the lists the step holds. Values stay literal: they become separate argv
 * entries on the agent, never shell text.
 */
public final class BuildArgs {
    private BuildArgs() {
    }

    /** {@code [A: '1', B: 2]} to {@code ["A=1", "B=2"]}; GStrings and numbers become their text. */
    public static List<String> fromMap(Map<?, ?> map) {
        List<String> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(String.valueOf(k) + "=" + (v == null ? "" : String.valueOf(v))));
        return validate(out);
    }

    /** One {@code KEY=VALUE} per line; blank lines are skipped. */
    public static List<String> fromLines(String text) {
        return validate(Arrays.asList(text.split("\\R")));
    }

    /** Words separated by spaces, commas or new lines. */
    public static List<String> words(String text) {
        return Arrays.stream(text.split("[\\s,]+")).filter(w -> !w.isEmpty()).toList();
    }

    /**
     * Checks every entry is {@code KEY=VALUE} with a non-empty key, dropping blank entries.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static List<String> validate(List<String> entries) {
        if (entries == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            if (e == null || e.isBlank()) {
                continue;
            }
            if (e.indexOf('=') <= 0 || e.substring(0, e.indexOf('=')).isBlank()) {
                throw new IllegalArgumentException(Messages.BuildArgs_NotKeyValue(e));
            }
            out.add(e.strip());
        }
        return List.copyOf(out);
    }

    /** The entries as the engine's map, keeping their order; a later KEY wins. */
    public static Map<String, String> toMap(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String e : validate(entries)) {
            int eq = e.indexOf('=');
            out.put(e.substring(0, eq).strip(), e.substring(eq + 1));
        }
        return out;
    }
}
