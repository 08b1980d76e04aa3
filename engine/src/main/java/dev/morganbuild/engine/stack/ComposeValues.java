package dev.morganbuild.engine.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads the recurring compose value shapes: lists of strings and "map or KEY=VAL list". */
final class ComposeValues {

    /** A string value with the node it came from, for later validation messages. */
    record Value(Node node, String text) {
    }

    private ComposeValues() {
    }

    static List<Value> strings(ComposeYaml y, Node node, String what) {
        if (!(node instanceof SequenceNode seq)) {
            throw y.error(node, what + " must be a list of strings, got " + ComposeYaml.kind(node),
                    "write it as a list, e.g. " + leaf(what) + ": [\"value\"]");
        }
        List<Value> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            out.add(new Value(item, y.string(item, what + " entry")));
        }
        return out;
    }

    /**
     * A compose "dictionary": a mapping, or a list of {@code KEY=VAL} / {@code KEY}. A key without a
     * value takes {@code env}'s value when {@code env} is given (compose args) and is left out when
     * the variable is unset; without {@code env} it becomes the empty string (labels).
     */
    /**
     * A key docker gets as {@code KEY=value}: an '=' would move the split, whitespace or control
     * characters would make a different key than the one written.
     */
    private static void checkKey(ComposeYaml y, Node at, String key, String what) {
        if (!KeyNames.isValid(key)) {
            throw y.error(at, what + " key '" + key.strip() + "' " + KeyNames.problem(key),
                    "keys are names such as HTTP_PROXY or org.opencontainers.image.title: no '=', spaces or control characters");
        }
    }

    static Map<String, Value> keyValues(ComposeYaml y, Node node, String what, Map<String, String> env) {
        Map<String, Value> out = new LinkedHashMap<>();
        if (node instanceof MappingNode map) {
            for (ComposeYaml.Entry e : y.entries(map)) {
                checkKey(y, e.keyNode(), e.key(), what);
                Node v = e.value();
                if (!ComposeYaml.isNull(v) && !(v instanceof org.yaml.snakeyaml.nodes.ScalarNode)) {
                    throw y.error(v, what + "." + e.key() + " must be a single value, got " + ComposeYaml.kind(v),
                            "quote the value, e.g. " + e.key() + ": \"value\"");
                }
                String text = ComposeYaml.isNull(v) ? withoutValue(e.key(), env) : y.string(v, what + "." + e.key());
                if (text != null) {
                    out.put(e.key(), new Value(ComposeYaml.isNull(v) ? e.keyNode() : v, text));
                }
            }
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            throw y.error(node, what + " must be a mapping or a list of KEY=VALUE, got " + ComposeYaml.kind(node),
                    "write entries as KEY: value under " + leaf(what) + ", or a list of KEY=value");
        }
        for (Node item : seq.getValue()) {
            String s = y.string(item, what + " entry");
            int eq = s.indexOf('=');
            String key = eq < 0 ? s : s.substring(0, eq);
            if (key.isBlank()) {
                throw y.error(item, what + " entry '" + s + "' has no key", "write KEY=VALUE");
            }
            checkKey(y, item, key, what);
            String text = eq < 0 ? withoutValue(key, env) : s.substring(eq + 1);
            out.remove(key); // a later KEY=VAL wins, as in docker compose
            if (text != null) {
                out.put(key, new Value(item, text));
            }
        }
        return out;
    }

    static Map<String, String> texts(Map<String, Value> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.text()));
        return out;
    }

    private static String withoutValue(String key, Map<String, String> env) {
        return env == null ? "" : env.get(key);
    }

    private static String leaf(String what) {
        return what.substring(what.lastIndexOf('.') + 1);
    }
}
