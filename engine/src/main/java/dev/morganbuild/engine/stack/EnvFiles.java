package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.text.Utf8Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads env files ({@code .env}, {@code --env-file}) the way Docker Compose v2 does: {@code KEY=value}
 * lines, an optional {@code export} prefix, {@code #} comments (inline after a blank when unquoted),
 * single quotes literal, double quotes with {@code \n}-style escapes, both possibly over several lines;
 * unquoted and double-quoted values are interpolated, the process environment first, then the
 * file's earlier lines. A bare {@code KEY} takes the process environment's value when it has one.
 */
final class EnvFiles {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    static final long MAX_BYTES = 1024 * 1024;

    private EnvFiles() {
    }

    /**
     * The variables of {@code files} (later files override earlier ones) under those of {@code env},
     * which win, as the process environment wins over {@code .env} in Compose.
     */
    static Map<String, String> environment(List<Path> files, Map<String, String> env) {
        Map<String, String> fromFiles = new LinkedHashMap<>();
        for (Path f : files) {
            fromFiles.putAll(read(f, env));
        }
        Map<String, String> out = new HashMap<>(fromFiles);
        out.putAll(env);
        return out;
    }

    /** The variables one env file sets; {@code env} is what its values may refer to (and wins there). */
    static Map<String, String> read(Path file, Map<String, String> env) {
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new MorganException(file.toString(), 0, 0, "the env file does not exist or is not a regular file",
                        "create it, or fix the path given with --env-file (or include's env_file)");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new MorganException(file.toString(), 0, 0, "the env file is larger than 1 MB", "keep env files small");
            }
            text = Utf8Text.decode(file.toString(), Files.readAllBytes(file), "an env file");
        } catch (IOException e) {
            throw new MorganException(file.toString(), 0, 0, "cannot read the env file: " + e.getMessage(),
                    "check that the file is readable by the build user", e);
        }
        return parse(file.toString(), text.startsWith("\uFEFF") ? text.substring(1) : text, env);
    }

    static Map<String, String> parse(String file, String text, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip();
            if (!KEY.matcher(key).matches()) {
                throw new MorganException(file, lineNo, 1, "'" + key + "' is not a variable name",
                        "write each line as NAME=value (letters, digits and '_'; a '#' starts a comment)");
            }
            if (eq < 0) {
                if (env.containsKey(key)) {
                    out.put(key, env.get(key));
                }
                continue;
            }
            String rest = line.substring(eq + 1).stripLeading();
            char q = rest.isEmpty() ? 0 : rest.charAt(0);
            String value;
            if (q == '\'' || q == '"') {
                StringBuilder raw = new StringBuilder(rest.substring(1));
                int end = closing(raw, q);
                while (end < 0 && i + 1 < lines.length) {
                    raw.append('\n').append(lines[++i]);
                    end = closing(raw, q);
                }
                if (end < 0) {
                    throw new MorganException(file, lineNo, eq + 2, "the quoted value of " + key + " has no closing " + q,
                            "close the quote");
                }
                value = q == '\'' ? raw.substring(0, end) : interpolate(file, lineNo, unescape(raw.substring(0, end)), env, out);
            } else {
                int hash = rest.indexOf(" #");
                int tab = rest.indexOf("\t#");
                int cut = hash < 0 ? tab : tab < 0 ? hash : Math.min(hash, tab);
                value = interpolate(file, lineNo, (cut < 0 ? rest : rest.substring(0, cut)).strip(), env, out);
            }
            out.put(key, value);
        }
        return out;
    }

    private static int closing(CharSequence s, char q) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\' && q == '"') {
                i++;
            } else if (s.charAt(i) == q) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                out.append(switch (d) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> d;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String interpolate(String file, int line, String value, Map<String, String> env,
                                      Map<String, String> earlier) {
        Map<String, String> lookup = new HashMap<>(earlier);
        lookup.putAll(env);
        try {
            return Interpolation.apply(value, lookup);
        } catch (Interpolation.Failure f) {
            throw new MorganException(file, line, 1, f.getMessage(), f.hint);
        }
    }
}
