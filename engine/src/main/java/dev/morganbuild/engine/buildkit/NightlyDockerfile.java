package dev.morganbuild.engine.buildkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a Dockerfile for a "no layer cache, keep cache mounts" build: {@code ARG MORGAN_NIGHTLY_ID}
 * goes right after every FROM. A fresh value of that build arg re-runs every RUN step (an ARG is an
 * implicit environment variable of the RUN steps after it, so it is part of their cache key), while
 * cache mounts are untouched. Plain {@code --no-cache} would instead start every cache mount empty on
 * the engine's built-in BuildKit (measured; see docs/cache-mounts-and-no-cache.md).
 */
public final class NightlyDockerfile {
    public static final String ARG = "MORGAN_NIGHTLY_ID";
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z]+)\\s*=\\s*(\\S+)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?");

    private NightlyDockerfile() {
    }

    public static String withBustArg(String dockerfile) {
        String[] lines = dockerfile.split("\n", -1);
        char escape = '\\';
        int i = 0;
        // parser directives: only at the very top, before any other line
        while (i < lines.length) {
            Matcher d = DIRECTIVE.matcher(lines[i]);
            if (!d.matches()) {
                break;
            }
            if (d.group(1).equalsIgnoreCase("escape") && !d.group(2).isEmpty()) {
                escape = d.group(2).charAt(0);
            }
            i++;
        }
        List<String> out = new ArrayList<>(List.of(lines).subList(0, i));
        while (i < lines.length) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                out.add(line);
                i++;
                continue;
            }
            // one instruction: its first line, continuation lines, then heredoc bodies
            String keyword = trimmed.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            StringBuilder text = new StringBuilder();
            while (i < lines.length) {
                String l = lines[i++];
                out.add(l);
                String t = l.stripTrailing();
                if (t.strip().startsWith("#") && text.length() > 0) {
                    continue; // comment inside a continued instruction
                }
                text.append(t).append('\n');
                if (t.isEmpty() || t.charAt(t.length() - 1) != escape) {
                    break;
                }
            }
            Matcher h = HEREDOC.matcher(text);
            while (h.find() && !keyword.equals("FROM")) {
                boolean dash = !h.group(1).isEmpty();
                String end = h.group(2);
                while (i < lines.length) {
                    String body = lines[i++];
                    out.add(body);
                    if ((dash ? body.strip() : body).equals(end)) {
                        break;
                    }
                }
            }
            if (keyword.equals("FROM")) {
                out.add("ARG " + ARG);
            }
        }
        return String.join("\n", out);
    }
}
