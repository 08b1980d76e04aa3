package dev.morganbuild.engine.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into argv the way compose splits {@code command: "..."}: on whitespace,
 * with single quotes literal, double quotes allowing backslash escapes, and a backslash outside
 * quotes escaping the next character. Nothing is expanded: the result never reaches a shell.
 */
public final class CommandWords {
    private CommandWords() {
    }

    /** @throws IllegalArgumentException when a quote is not closed or the string ends in a backslash */
    public static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < s.length() && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    if (i + 1 >= s.length()) {
                        throw new IllegalArgumentException("the command ends with a lone backslash");
                    }
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("a " + (quote == '"' ? "double" : "single") + " quote is not closed");
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
