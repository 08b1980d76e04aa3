package dev.morganbuild.engine.stack;

import java.util.Map;

/**
 * Compose-style variable interpolation: {@code $$}, {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-d}},
 * {@code ${VAR-d}}, {@code ${VAR:?msg}}, {@code ${VAR?msg}}, {@code ${VAR:+r}}, {@code ${VAR+r}}.
 * Defaults and replacements may nest further interpolations; they are expanded only when used, as
 * compose does, so an unused {@code ${B:?}} inside a default does not fail.
 */
final class Interpolation {

    /** A value that cannot be interpolated; the caller adds the location. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String hint;

        Failure(String problem, String hint) {
            super(problem, null, false, false);
            this.hint = hint;
        }
    }

    private static final String LITERAL_HINT = "write $$ for a literal '$'";

    private Interpolation() {
    }

    /** Deeper {@code ${A:-${B:-...}}} nesting is refused instead of recursing without end. */
    static final int MAX_NESTING = 16;

    static String apply(String s, Map<String, String> env) {
        return apply(s, env, 0);
    }

    private static String apply(String s, Map<String, String> env, int depth) {
        if (depth > MAX_NESTING) {
            throw new Failure("interpolation nested more than " + MAX_NESTING + " levels deep",
                    "write the value out instead of nesting ${...:-...} this deep");
        }
        if (s.indexOf('$') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            char d = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
            if (d == '$') {
                out.append('$');
                i += 2;
            } else if (d == '{') {
                int end = closingBrace(s, i + 2);
                out.append(braced(s.substring(i + 2, end), env, depth));
                i = end + 1;
            } else if (isNameStart(d)) {
                int end = nameEnd(s, i + 1);
                out.append(env.getOrDefault(s.substring(i + 1, end), ""));
                i = end;
            } else {
                throw new Failure("invalid interpolation: '$' at position " + (i + 1)
                        + " is not followed by a variable name", LITERAL_HINT
                        + ", or use ${NAME} / ${NAME:-default}");
            }
        }
        return out.toString();
    }

    private static String braced(String body, Map<String, String> env, int depth) {
        int nameEnd = body.isEmpty() || !isNameStart(body.charAt(0)) ? 0 : nameEnd(body, 0);
        if (nameEnd == 0) {
            throw new Failure("invalid interpolation '${" + body + "}': expected a variable name",
                    "use ${NAME}, ${NAME:-default}, ${NAME-default} or ${NAME:?message}; " + LITERAL_HINT);
        }
        String name = body.substring(0, nameEnd);
        String rest = body.substring(nameEnd);
        String value = env.get(name);
        if (rest.isEmpty()) {
            return value == null ? "" : value;
        }
        boolean colon = rest.startsWith(":");
        String op = colon ? rest.substring(1) : rest;
        boolean missing = colon ? value == null || value.isEmpty() : value == null;
        if (op.isEmpty()) {
            throw badOperator(body);
        }
        String word = op.substring(1);
        switch (op.charAt(0)) {
            case '-':
                return missing ? apply(word, env, depth + 1) : value;
            case '+':
                return missing ? "" : apply(word, env, depth + 1);
            case '?':
                if (missing) {
                    String msg = apply(word, env, depth + 1);
                    throw new Failure("required variable " + name + " is " + (value == null ? "unset" : "empty")
                            + (msg.isEmpty() ? "" : ": " + msg),
                            "set " + name + " in the environment of the build (e.g. export " + name + "=...)");
                }
                return value;
            default:
                throw badOperator(body);
        }
    }

    private static Failure badOperator(String body) {
        return new Failure("invalid interpolation '${" + body + "}'",
                "after the name use one of :- - :? ? :+ +, e.g. ${NAME:-default}; " + LITERAL_HINT);
    }

    /** Index of the '}' closing a "${" whose body starts at {@code from}, honouring nesting. */
    private static int closingBrace(String s, int from) {
        int depth = 1;
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < s.length() && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '$')) {
                depth += s.charAt(i + 1) == '{' ? 1 : 0;
                i += 2;
                continue;
            }
            if (c == '}' && --depth == 0) {
                return i;
            }
            i++;
        }
        throw new Failure("unterminated interpolation: '${' without a closing '}'",
                "close the variable reference with '}'; " + LITERAL_HINT);
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int nameEnd(String s, int from) {
        int i = from;
        while (i < s.length() && (isNameStart(s.charAt(i)) || (s.charAt(i) >= '0' && s.charAt(i) <= '9'))) {
            i++;
        }
        return i;
    }
}
