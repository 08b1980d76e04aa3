package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of env files as Docker Compose v2 reads them (compose-go's dotenv parser), so that a
 * file Compose accepts means the same here:
 * <ul>
 *   <li>{@code KEY=value} or the YAML-like {@code KEY: value}; blanks around the separator, an
 *       {@code export } prefix; a name of letters, digits, {@code _ . - [ ]} (a space inside it is an
 *       error);</li>
 *   <li>a name alone on its line takes the process environment's value, if it has one;</li>
 *   <li>unquoted values end at the line's end, or at {@code " #"}, and are trimmed;</li>
 *   <li>{@code '...'} is literal, {@code "..."} knows {@code \n \t \r \a \b \f \v \\ \" \$} and octal
 *       {@code \0NNN} and keeps any other backslash; both may span lines, and a backslash before the
 *       closing quote escapes it;</li>
 *   <li>unquoted and double-quoted values are interpolated: the process environment first, then the
 *       variables read so far.</li>
 * </ul>
 */
final class DotEnvParser {
    private static final Pattern EXPORT = Pattern.compile("^export\\s+");
    private static final Pattern ESCAPE = Pattern.compile("\\\\([abfnrtv$\"\\\\]|0\\d{0,3})");
    private static final String HINT = "write each line as NAME=value or NAME: value (letters, digits, '_', '.', '-'; "
            + "a '#' starts a comment)";

    private final String file;
    private final String src;
    private final Map<String, String> env;
    private final Map<String, String> earlier;
    private int pos;
    private int counted; // line() has counted the line breaks before this position
    private int lines = 1;

    private DotEnvParser(String file, String src, Map<String, String> env, Map<String, String> earlier) {
        this.file = file;
        this.src = src;
        this.env = env;
        this.earlier = earlier;
    }

    /**
     * The variables {@code text} sets, in file order.
     *
     * @param env     what values may refer to, winning over the file's own variables (the process environment)
     * @param earlier variables of env files read before this one, which values may refer to as well
     */
    static Map<String, String> parse(String file, String text, Map<String, String> env, Map<String, String> earlier) {
        Map<String, String> out = new LinkedHashMap<>();
        new DotEnvParser(file, text, env, earlier).run(out);
        return out;
    }

    private void run(Map<String, String> out) {
        while (statementStart()) {
            int keyLine = line(pos);
            Matcher export = EXPORT.matcher(src).region(pos, src.length());
            if (export.lookingAt()) {
                pos = export.end();
                skipBlanks();
            }
            int start = pos;
            char sep = 0;
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == '=' || c == ':' || c == '\n') {
                    sep = c;
                    break;
                }
                if (!blank(c) && !Character.isLetterOrDigit(c) && "_.-[]".indexOf(c) < 0) {
                    throw new MorganException(file, keyLine, 1, "unexpected character '" + c + "' in the variable name '"
                            + firstLine(start) + "'", HINT);
                }
                pos++;
            }
            if (sep == 0) { // a name at the very end, without a newline: compose-go sets nothing for it
                return;
            }
            String key = src.substring(start, pos).stripTrailing();
            pos++;
            if (key.indexOf(' ') >= 0) {
                throw new MorganException(file, keyLine, 1, "the variable name '" + key + "' contains a space", HINT);
            }
            if (sep == '\n') {
                if (env.containsKey(key)) {
                    out.put(key, env.get(key));
                }
                continue;
            }
            skipBlanks();
            String value = value(key, keyLine, out);
            if (!key.isEmpty()) {
                out.put(key, value);
            }
        }
    }

    /** Skips blank space, blank lines and comment lines; false at the end of the text. */
    private boolean statementStart() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '#') {
                int nl = src.indexOf('\n', pos);
                pos = nl < 0 ? src.length() : nl;
            } else if (Character.isWhitespace(c) || blank(c)) {
                pos++;
            } else {
                return true;
            }
        }
        return false;
    }

    private String value(String key, int keyLine, Map<String, String> out) {
        char q = pos < src.length() ? src.charAt(pos) : 0;
        if (q != '\'' && q != '"') {
            int nl = src.indexOf('\n', pos);
            String raw = src.substring(pos, nl < 0 ? src.length() : nl);
            pos = nl < 0 ? src.length() : nl + 1;
            int comment = raw.indexOf(" #");
            return interpolate((comment < 0 ? raw : raw.substring(0, comment)).stripTrailing(), keyLine, out);
        }
        StringBuilder chars = new StringBuilder();
        boolean escaped = false;
        for (int i = pos + 1; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c != q) {
                if (!escaped && c == '\\') {
                    escaped = true;
                    continue;
                }
                if (escaped) {
                    escaped = false;
                    chars.append('\\');
                }
                chars.append(c);
            } else if (escaped) {
                escaped = false;
                chars.append(c);
            } else {
                pos = i + 1;
                return q == '"' ? interpolate(unescape(chars.toString()), keyLine, out) : chars.toString();
            }
        }
        throw new MorganException(file, keyLine, 1, "the quoted value of " + key + " has no closing " + q,
                "close the quote (a quoted value may span lines; a backslash before a quote escapes it)");
    }

    /** compose-go's shell escapes; {@code \$} becomes {@code $$}, which interpolation turns into a literal '$'. */
    private static String unescape(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e.charAt(0)) {
                case 'a' -> "\u0007";
                case 'b' -> "\b";
                case 'f' -> "\f";
                case 'n' -> "\n";
                case 'r' -> "\r";
                case 't' -> "\t";
                case 'v' -> "\u000b";
                case '$' -> "$$";
                case '0' -> octal(e);
                default -> e; // '"' and '\\'
            };
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code \0NNN} with three octal digits up to 377 is that byte's character; anything else stays as written. */
    private static String octal(String e) {
        if (e.length() == 4 && e.substring(1).chars().allMatch(c -> c >= '0' && c <= '7')) {
            int v = Integer.parseInt(e.substring(1), 8);
            if (v <= 0377) {
                return String.valueOf((char) v);
            }
        }
        return "\\" + e;
    }

    private String interpolate(String value, int line, Map<String, String> out) {
        Map<String, String> lookup = new HashMap<>(earlier);
        lookup.putAll(out);
        lookup.putAll(env);
        try {
            return Interpolation.apply(value, lookup);
        } catch (Interpolation.Failure f) {
            throw new MorganException(file, line, 1, f.getMessage(), f.hint);
        }
    }

    private void skipBlanks() {
        while (pos < src.length() && blank(src.charAt(pos))) {
            pos++;
        }
    }

    /** compose-go's isSpace: blank space that is not a line break. */
    private static boolean blank(int c) {
        return c == '\t' || c == '\u000b' || c == '\f' || c == '\r' || c == ' ' || c == '\u0085' || c == '\u00a0';
    }

    /** The line of {@code at}, which never goes backwards between calls. */
    private int line(int at) {
        for (; counted < at; counted++) {
            if (src.charAt(counted) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private String firstLine(int from) {
        int nl = src.indexOf('\n', from);
        return src.substring(from, nl < 0 ? src.length() : nl);
    }
}
