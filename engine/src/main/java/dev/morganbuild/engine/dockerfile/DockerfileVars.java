package dev.morganbuild.engine.dockerfile;

import dev.morganbuild.engine.MorganException;
import java.util.Map;

/**
 * Dockerfile variable substitution as BuildKit applies it to {@code FROM} and {@code ARG} defaults:
 * {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-word}}, {@code ${NAME-word}}, {@code ${NAME:+word}},
 * {@code ${NAME+word}}, and an escaped {@code \$} (with the file's escape character) as a literal.
 * A name mapped to null is declared without a value and counts as unset.
 */
final class DockerfileVars {
    private DockerfileVars() {
    }

    /**
     * @param keepUnknown keep references to names not in {@code vars} verbatim (for {@code --platform}
     *                    values such as {@code $BUILDPLATFORM} that only BuildKit knows); otherwise they
     *                    expand to the empty string, as BuildKit does
     */
    /** Longer values are refused: ARGs that each repeat the one before would otherwise grow exponentially. */
    static final int MAX_LENGTH = 64 * 1024;
    /** Deeper {@code ${A:-${B:-...}}} nesting is refused instead of recursing without end. */
    static final int MAX_NESTING = 16;

    /** Where the value comes from, for the error when it is refused. */
    record Origin(String file, int line) {
    }

    static String expand(String s, Map<String, String> vars, char escape, boolean keepUnknown, Origin origin) {
        return expand(s, vars, escape, keepUnknown, origin, 0);
    }

    private static String expand(String s, Map<String, String> vars, char escape, boolean keepUnknown, Origin origin,
                                 int depth) {
        if (depth > MAX_NESTING) {
            throw new MorganException(origin.file(), origin.line(), 1, "variable substitution nested more than "
                    + MAX_NESTING + " levels deep", "write the value out instead of nesting ${...:-...} this deep");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
            if (c == escape && next == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && next == '{') {
                int end = close(s, i + 2);
                if (end < 0) {
                    out.append(s, i, s.length());
                    break;
                }
                out.append(braced(s.substring(i, end + 1), s.substring(i + 2, end), vars, escape, keepUnknown,
                        origin, depth));
                i = end + 1;
            } else if (c == '$' && isNameChar(next, true)) {
                int end = i + 1;
                while (end < s.length() && isNameChar(s.charAt(end), false)) {
                    end++;
                }
                String name = s.substring(i + 1, end);
                out.append(lookup(name, vars, keepUnknown, s.substring(i, end)));
                i = end;
            } else {
                out.append(c);
                i++;
            }
            if (out.length() > MAX_LENGTH) {
                throw new MorganException(origin.file(), origin.line(), 1, "a value here expands to more than "
                        + MAX_LENGTH + " characters", "an ARG that repeats other ARGs grows with each one: write the "
                        + "value out, or shorten it");
            }
        }
        return out.toString();
    }

    private static String braced(String whole, String body, Map<String, String> vars, char escape, boolean keep,
                                 Origin origin, int depth) {
        int n = 0;
        while (n < body.length() && isNameChar(body.charAt(n), n == 0)) {
            n++;
        }
        String name = body.substring(0, n);
        String rest = body.substring(n);
        if (rest.isEmpty()) {
            return lookup(name, vars, keep, whole);
        }
        if (keep && !vars.containsKey(name)) {
            return whole;
        }
        String value = vars.get(name);
        boolean colon = rest.startsWith(":");
        String op = colon ? rest.substring(1) : rest;
        boolean missing = colon ? value == null || value.isEmpty() : value == null;
        String word = op.isEmpty() ? "" : expand(op.substring(1), vars, escape, keep, origin, depth + 1);
        if (op.startsWith("-")) {
            return missing ? word : value;
        }
        if (op.startsWith("+")) {
            return missing ? "" : word;
        }
        return value == null ? "" : value; // other modifiers (#, %, ?) do not occur in image names
    }

    private static String lookup(String name, Map<String, String> vars, boolean keep, String original) {
        if (!vars.containsKey(name)) {
            return keep ? original : "";
        }
        String v = vars.get(name);
        return v == null ? "" : v;
    }

    private static int close(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
    }
}
