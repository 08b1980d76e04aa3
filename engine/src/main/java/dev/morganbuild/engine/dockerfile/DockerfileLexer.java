package dev.morganbuild.engine.dockerfile;

import dev.morganbuild.engine.MorganException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into instructions: parser directives at the top ({@code # escape=},
 * {@code # syntax=}), comments, line continuations (with the escape character) and heredoc bodies
 * ({@code RUN <<EOF ... EOF}), whose lines are not instructions.
 */
final class DockerfileLexer {
    private static final Pattern DIRECTIVE = Pattern.compile("\\s*#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.*?)\\s*");
    private static final Pattern HEREDOC = Pattern.compile("(?<!<)<<(-?)([\"']?)([a-zA-Z_][a-zA-Z0-9_]*)\\2");

    /** The lexed file. */
    record Result(char escape, String syntax, List<DockerfileInfo.Instruction> instructions) {
    }

    private DockerfileLexer() {
    }

    static Result lex(String file, String text) {
        String[] lines = lines(text);
        char escape = '\\';
        String syntax = null;
        int i = 0;
        List<String> seen = new ArrayList<>();
        for (; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i]);
            if (!m.matches()) {
                break;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            if (!key.equals("escape") && !key.equals("syntax") && !key.equals("check")) {
                break; // an unknown directive is a comment and ends the directive block
            }
            if (seen.contains(key)) {
                throw new MorganException(file, i + 1, 1, "parser directive '" + key + "' appears twice",
                        "keep one '# " + key + "=' line at the top of the Dockerfile");
            }
            seen.add(key);
            if (key.equals("escape")) {
                if (!m.group(2).equals("\\") && !m.group(2).equals("`")) {
                    throw new MorganException(file, i + 1, 1, "invalid escape directive '" + m.group(2) + "'",
                            "use '# escape=\\' (the default) or '# escape=`'");
                }
                escape = m.group(2).charAt(0);
            } else if (key.equals("syntax")) {
                syntax = m.group(2);
            }
        }
        List<DockerfileInfo.Instruction> out = new ArrayList<>();
        while (i < lines.length) {
            if (skippable(lines[i])) {
                i++;
                continue;
            }
            int start = i + 1;
            StringBuilder logical = new StringBuilder();
            while (i < lines.length) {
                String line = lines[i++];
                String body = stripContinuation(line, escape);
                if (body == null) {
                    logical.append(line);
                    break;
                }
                logical.append(body).append(' ');
                while (i < lines.length && skippable(lines[i])) {
                    i++; // comments and blank lines inside a continued instruction are dropped
                }
            }
            String s = logical.toString().strip();
            int sp = indexOfSpace(s);
            String keyword = (sp < 0 ? s : s.substring(0, sp)).toUpperCase(Locale.ROOT);
            String args = sp < 0 ? "" : s.substring(sp).strip();
            StringBuilder heredoc = new StringBuilder();
            if (keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD")) {
                Matcher h = HEREDOC.matcher(args);
                while (h.find()) {
                    i = readHeredoc(file, lines, i, start, h.group(3), !h.group(1).isEmpty(), heredoc);
                }
            }
            out.add(new DockerfileInfo.Instruction(keyword, args, start, heredoc.toString(), i));
        }
        return new Result(escape, syntax, out);
    }

    /** The file's lines, split as the lexer counts them (\n, \r\n or \r). */
    static String[] lines(String text) {
        return text.split("\r?\n|\r", -1);
    }

    private static int readHeredoc(String file, String[] lines, int i, int start, String word, boolean stripTabs,
                                   StringBuilder body) {
        for (int j = i; j < lines.length; j++) {
            String line = stripTabs ? lines[j].replaceFirst("^\t+", "") : lines[j];
            if (line.equals(word)) {
                return j + 1;
            }
            body.append(line).append('\n');
        }
        throw new MorganException(file, start, 1, "heredoc <<" + word + " is never closed",
                "end the heredoc with a line containing only " + word);
    }

    private static boolean skippable(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#");
    }

    /** The line without its trailing escape character, or null when it does not continue. */
    private static String stripContinuation(String line, char escape) {
        String t = line.stripTrailing();
        return !t.isEmpty() && t.charAt(t.length() - 1) == escape ? t.substring(0, t.length() - 1) : null;
    }

    private static int indexOfSpace(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isWhitespace(s.charAt(k))) {
                return k;
            }
        }
        return -1;
    }
}
