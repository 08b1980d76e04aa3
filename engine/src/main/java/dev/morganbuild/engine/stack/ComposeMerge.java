package dev.morganbuild.engine.stack;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Merges compose files (and an {@code extends} base with the service that extends it) by the
 * compose specification's merge rules: mappings merge key by key, scalars are overridden, sequences
 * are appended without repeats, "dictionaries" written either as mappings or {@code KEY=VAL} lists
 * ({@code environment}, {@code labels}, {@code build.args}, ...) merge by key, {@code command} and
 * {@code entrypoint} are replaced, a short {@code build: dir} is {@code build: {context: dir}}, and
 * {@code !reset} / {@code !override} drop or replace a value. Nodes keep their own file and line.
 */
final class ComposeMerge {
    private static final Set<String> DICTIONARIES = Set.of("environment", "labels", "annotations", "depends_on",
            "extra_hosts", "sysctls", "build.args", "build.labels", "build.extra_hosts", "build.additional_contexts");
    private static final Set<String> REPLACED = Set.of("command", "entrypoint", "healthcheck.test");
    static final String RESET = "!reset";
    static final String OVERRIDE = "!override";

    private final ComposeYaml y;

    ComposeMerge(ComposeYaml y) {
        this.y = y;
    }

    /** {@code over}'s top level merged onto {@code base}'s; services are merged service by service. */
    MappingNode top(MappingNode base, MappingNode over) {
        return mappings(base, over, (key, b, o) -> key.equals("services") && b instanceof MappingNode bm
                && o instanceof MappingNode om ? mappings(bm, om, (name, bs, os) -> service(bs, os)) : merge(b, o, null));
    }

    /** A service merged from {@code base} and {@code over}; null when {@code over} resets it. */
    Node service(Node base, Node over) {
        if (tagged(over, RESET) || tagged(over, OVERRIDE) || !(base instanceof MappingNode b) || !(over instanceof MappingNode o)) {
            return tagged(over, RESET) ? null : over;
        }
        return mappings(b, o, (key, bv, ov) -> merge(bv, ov, key));
    }

    private Node merge(Node b, Node o, String rel) {
        if (tagged(o, RESET)) {
            return null;
        }
        if (tagged(o, OVERRIDE)) {
            return o;
        }
        if (rel != null && REPLACED.contains(rel)) {
            return o;
        }
        if (rel != null && DICTIONARIES.contains(rel)) {
            return mappings(dictionary(b), dictionary(o), (k, bv, ov) -> ov);
        }
        if ("build".equals(rel)) {
            return mappings(build(b), build(o), (k, bv, ov) -> merge(bv, ov, "build." + k));
        }
        if (b instanceof MappingNode bm && o instanceof MappingNode om) {
            return mappings(bm, om, (k, bv, ov) -> merge(bv, ov, rel == null ? null : rel + "." + k));
        }
        if (b instanceof SequenceNode bs && o instanceof SequenceNode os) {
            return appended(bs, os);
        }
        return o;
    }

    private interface Child {
        Node merge(String key, Node base, Node over);
    }

    /** Keys of {@code b} in order (merged when {@code o} has them too), then {@code o}'s new keys. */
    private MappingNode mappings(MappingNode b, MappingNode o, Child child) {
        Map<String, ComposeYaml.Entry> over = new LinkedHashMap<>();
        y.entries(o).forEach(e -> over.put(e.key(), e));
        List<NodeTuple> out = new ArrayList<>();
        for (ComposeYaml.Entry e : y.entries(b)) {
            ComposeYaml.Entry oe = over.remove(e.key());
            Node value = oe == null ? e.value() : child.merge(e.key(), e.value(), oe.value());
            if (value != null) {
                out.add(new NodeTuple(e.keyNode(), value));
            }
        }
        over.values().stream().filter(e -> !tagged(e.value(), RESET))
                .forEach(e -> out.add(new NodeTuple(e.keyNode(), e.value())));
        return y.mapping(b, out);
    }

    /** Both lists, without a second copy of any value {@code b} already has. */
    private SequenceNode appended(SequenceNode b, SequenceNode o) {
        List<Node> out = new ArrayList<>(b.getValue());
        Set<String> texts = new LinkedHashSet<>();
        Map<Node, Boolean> nodes = new IdentityHashMap<>();
        for (Node n : b.getValue()) {
            nodes.put(n, Boolean.TRUE);
            if (n instanceof ScalarNode && !ComposeYaml.isNull(n)) {
                texts.add(y.string(n, "value"));
            }
        }
        for (Node n : o.getValue()) {
            boolean scalar = n instanceof ScalarNode && !ComposeYaml.isNull(n);
            if (scalar ? texts.add(y.string(n, "value")) : nodes.put(n, Boolean.TRUE) == null) {
                out.add(n);
            }
        }
        return y.sequence(b, out);
    }

    /** {@code build: dir} as {@code {context: dir}}; a mapping as it is. */
    MappingNode build(Node n) {
        if (n instanceof MappingNode m) {
            return m;
        }
        if (ComposeYaml.isNull(n)) {
            return y.mapping(n, List.of());
        }
        return y.mapping(n, List.of(new NodeTuple(y.scalar(n, "context"), n)));
    }

    /** A compose dictionary as a mapping: {@code [K=V, K2]} becomes {@code {K: V, K2: null}}. */
    private MappingNode dictionary(Node n) {
        if (!(n instanceof SequenceNode seq)) {
            return n instanceof MappingNode m ? m : y.mapping(n, List.of());
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (Node item : seq.getValue()) {
            String s = y.string(item, "entry");
            int eq = s.indexOf('=');
            String key = eq < 0 ? s : s.substring(0, eq);
            out.put(key, new NodeTuple(y.scalar(item, key), eq < 0 ? y.nullNode(item) : y.scalar(item, s.substring(eq + 1))));
        }
        return y.mapping(n, new ArrayList<>(out.values()));
    }

    static boolean tagged(Node n, String tag) {
        return n != null && tag.equals(n.getTag().getValue());
    }
}
