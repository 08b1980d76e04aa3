package dev.morganbuild.engine.plan;

import dev.morganbuild.engine.MorganException;
import java.util.Collection;
import java.util.Set;

/**
 * A Jenkins label expression ({@code gpu && !windows}, {@code "cuda 13" || big}) evaluated against a
 * node's labels, so the plugin can refuse a GPU service on a node that lacks the GPU label before
 * docker starts. Grammar and precedence as in Jenkins: {@code !} over {@code &&} over {@code ||} over
 * {@code ->} over {@code <->}; parentheses; atoms are label names or double-quoted strings.
 */
public final class LabelExpression {
    private final String text;
    private final Node root;

    private LabelExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    public static LabelExpression parse(String text) {
        Parser p = new Parser(text == null ? "" : text);
        Node n = p.iff();
        p.skipSpace();
        if (p.pos < p.s.length()) {
            throw p.error("unexpected '" + p.s.charAt(p.pos) + "'");
        }
        return new LabelExpression(text, n);
    }

    boolean matches(Collection<String> labels) {
        return root.eval(Set.copyOf(labels));
    }

    @Override
    public String toString() {
        return text;
    }

    private interface Node {
        boolean eval(Set<String> labels);
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        Node iff() {
            Node left = implies();
            while (eat("<->")) {
                Node l = left;
                Node r = implies();
                left = labels -> l.eval(labels) == r.eval(labels);
            }
            return left;
        }

        Node implies() {
            Node left = or();
            while (eat("->")) {
                Node l = left;
                Node r = or();
                left = labels -> !l.eval(labels) || r.eval(labels);
            }
            return left;
        }

        Node or() {
            Node left = and();
            while (eat("||")) {
                Node l = left;
                Node r = and();
                left = labels -> l.eval(labels) || r.eval(labels);
            }
            return left;
        }

        Node and() {
            Node left = not();
            while (eat("&&")) {
                Node l = left;
                Node r = not();
                left = labels -> l.eval(labels) && r.eval(labels);
            }
            return left;
        }

        Node not() {
            if (eat("!")) {
                Node inner = not();
                return labels -> !inner.eval(labels);
            }
            if (eat("(")) {
                Node inner = iff();
                if (!eat(")")) {
                    throw error("missing ')'");
                }
                return inner;
            }
            String atom = atom();
            return labels -> labels.contains(atom);
        }

        String atom() {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '"') {
                int end = s.indexOf('"', pos + 1);
                if (end < 0) {
                    throw error("unterminated quote");
                }
                String a = s.substring(pos + 1, end);
                pos = end + 1;
                return a;
            }
            int start = pos;
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && "!&|()<>\"".indexOf(s.charAt(pos)) < 0
                    && !s.startsWith("->", pos)) {
                pos++;
            }
            if (start == pos) {
                throw error(pos < s.length() ? "expected a label at '" + s.charAt(pos) + "'" : "expected a label");
            }
            return s.substring(start, pos);
        }

        boolean eat(String token) {
            skipSpace();
            if (s.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        MorganException error(String what) {
            return new MorganException(null, 0, 0, "bad label expression '" + s + "': " + what + " (column " + (pos + 1) + ")",
                    "write labels joined by && || ! -> <-> and parentheses, e.g. gpu && linux");
        }
    }
}
