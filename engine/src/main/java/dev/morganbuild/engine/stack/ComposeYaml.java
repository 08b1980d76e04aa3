package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The files of a compose project loaded as SnakeYAML node trees (so every value keeps its file,
 * line and column; read within hostile-input limits by {@link ComposeFileReader}), with merge keys
 * ({@code <<: *x}) applied, duplicate keys refused and every scalar value interpolated once. Nodes
 * made by merging files keep the location of the node they were made like. All failures are
 * {@link MorganException}s located in the file they are in.
 */
final class ComposeYaml {
    /** A mapping entry: its key node (for locations), key text and value node. */
    record Entry(ScalarNode keyNode, String key, Node value) {
    }

    private final String file;
    private final Map<Node, String> values = new IdentityHashMap<>();
    private final Map<Node, String> fileOf = new IdentityHashMap<>();
    private final Map<Node, List<Entry>> entryCache = new IdentityHashMap<>();
    private final Map<Node, Boolean> merging = new IdentityHashMap<>();

    private ComposeYaml(String file) {
        this.file = file;
    }

    /** An empty tree for a project whose files are read with {@link #add}; errors default to {@code first}. */
    static ComposeYaml forProject(Path first) {
        return new ComposeYaml(first.toString());
    }

    /**
     * Reads one more file of the same project (an override, an included or extended file) into this
     * tree: its nodes report their own file in errors, its values are interpolated from {@code env}.
     */
    MappingNode add(Path path, Map<String, String> env) {
        String name = path.toString();
        MappingNode m = checkedRoot(name, ComposeFileReader.read(path));
        interpolate(name, m, env);
        return m;
    }

    private MappingNode checkedRoot(String name, Node node) {
        if (!(node instanceof MappingNode m)) {
            Mark mark = node.getStartMark();
            throw new MorganException(name, line(mark), column(mark), "the compose file must be a mapping with a "
                    + "'services:' key, found " + kind(node), "start the file with 'services:' and list each service under it");
        }
        return m;
    }

    /** The file {@code node} was read from (the first file for nodes made by merging). */
    String fileOf(Node node) {
        return node == null ? file : fileOf.getOrDefault(node, file);
    }

    /** A new string scalar holding {@code text} (already interpolated), located where {@code like} is. */
    ScalarNode scalar(Node like, String text) {
        ScalarNode n = new ScalarNode(Tag.STR, text, like.getStartMark(), like.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
        values.put(n, text);
        fileOf.put(n, fileOf(like));
        return n;
    }

    /** A new null scalar, located where {@code like} is. */
    ScalarNode nullNode(Node like) {
        ScalarNode n = new ScalarNode(Tag.NULL, "", like.getStartMark(), like.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
        fileOf.put(n, fileOf(like));
        return n;
    }

    /** A new mapping of {@code tuples} (no merge keys), located where {@code like} is. */
    MappingNode mapping(Node like, List<NodeTuple> tuples) {
        MappingNode n = new MappingNode(Tag.MAP, true, tuples, like.getStartMark(), like.getEndMark(),
                DumperOptions.FlowStyle.AUTO);
        fileOf.put(n, fileOf(like));
        return n;
    }

    /** A new list of {@code items}, located where {@code like} is. */
    SequenceNode sequence(Node like, List<Node> items) {
        SequenceNode n = new SequenceNode(Tag.SEQ, true, items, like.getStartMark(), like.getEndMark(),
                DumperOptions.FlowStyle.AUTO);
        fileOf.put(n, fileOf(like));
        return n;
    }

    MorganException error(Node at, String problem, String hint) {
        Mark mark = at == null ? null : at.getStartMark();
        return new MorganException(fileOf(at), line(mark), column(mark), problem, hint);
    }

    static int line(Mark mark) {
        return mark == null ? 0 : mark.getLine() + 1;
    }

    static int column(Mark mark) {
        return mark == null ? 0 : mark.getColumn() + 1;
    }

    static int line(Node node) {
        return line(node.getStartMark());
    }

    /** "a string", "a number", "a list", ... for messages about wrong types. */
    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return "an empty value";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "a number (" + ((ScalarNode) node).getValue() + ")";
        }
        if (Tag.BOOL.equals(tag)) {
            return "a boolean (" + ((ScalarNode) node).getValue() + ")";
        }
        return "a string";
    }

    static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode && Tag.NULL.equals(node.getTag()));
    }

    MappingNode mapping(Node node, String what, String hint) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node, what + " must be a mapping, got " + kind(node), hint);
    }

    /** The interpolated text of a scalar (numbers and booleans as written). */
    String string(Node node, String what) {
        if (node instanceof ScalarNode s && !isNull(s)) {
            String v = values.get(s);
            return v != null ? v : s.getValue();
        }
        throw error(node, what + " must be a string, got " + kind(node),
                "write a single value, e.g. " + what.substring(what.lastIndexOf('.') + 1) + ": value");
    }

    /** The entries of a mapping, merge keys applied (explicit keys win), duplicate keys refused. */
    List<Entry> entries(MappingNode map) {
        List<Entry> cached = entryCache.get(map);
        if (cached != null) {
            return cached;
        }
        Map<String, Entry> explicit = new LinkedHashMap<>();
        List<NodeTuple> merges = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            if (Tag.MERGE.equals(k.getTag())) {
                merges.add(t);
                continue;
            }
            if (!(k instanceof ScalarNode ks) || isNull(k)) {
                throw error(k, "mapping keys must be plain strings, got " + kind(k), "use a simple name as the key");
            }
            Entry prev = explicit.putIfAbsent(ks.getValue(), new Entry(ks, ks.getValue(), t.getValueNode()));
            if (prev != null) {
                throw error(k, "duplicate key '" + ks.getValue() + "' (first defined on line " + line(prev.keyNode())
                        + ")", "remove one of the two '" + ks.getValue() + "' keys");
            }
        }
        Map<String, Entry> all = new LinkedHashMap<>(explicit);
        merging.put(map, Boolean.TRUE);
        try {
            for (NodeTuple merge : merges) {
                Node m = merge.getValueNode();
                for (Node src : m instanceof SequenceNode seq ? seq.getValue() : List.of(m)) {
                    if (merging.containsKey(src)) {
                        throw error(merge.getKeyNode(), "a merge key (<<) includes the mapping it belongs to",
                                "remove the alias that makes this mapping merge itself");
                    }
                    for (Entry e : entries(mapping(src, "a merge key (<<) value", "merge only mappings, e.g. <<: *defaults"))) {
                        all.putIfAbsent(e.key(), e);
                    }
                }
            }
        } finally {
            merging.remove(map);
        }
        List<Entry> result = List.copyOf(all.values());
        entryCache.put(map, result);
        return result;
    }

    Entry find(MappingNode map, String key) {
        for (Entry e : entries(map)) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    Node get(MappingNode map, String key) {
        Entry e = find(map, key);
        return e == null ? null : e.value();
    }

    /** Interpolates every scalar value (not keys) once; collections shared by aliases are visited once. */
    private void interpolate(String name, Node root, Map<String, String> env) {
        IdentityHashMap<Node, Boolean> seen = new IdentityHashMap<>();
        ArrayList<Node> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            if (!(n instanceof ScalarNode) && seen.put(n, Boolean.TRUE) != null) {
                continue; // a collection shared by aliases is visited once; a scalar is cheap to do again
            }
            boolean other = !name.equals(file); // nodes of the first file need no entry: it is the default
            if (other) {
                fileOf.putIfAbsent(n, name);
            }
            if (n instanceof MappingNode m) {
                m.getValue().forEach(t -> {
                    if (other) {
                        fileOf.putIfAbsent(t.getKeyNode(), name);
                    }
                    todo.add(t.getValueNode());
                });
            } else if (n instanceof SequenceNode s) {
                todo.addAll(s.getValue());
            } else if (n instanceof ScalarNode s && !isNull(s)) {
                String value;
                try {
                    value = Interpolation.apply(s.getValue(), env);
                } catch (Interpolation.Failure f) {
                    throw error(s, f.getMessage(), f.hint);
                }
                if (value.indexOf('\0') >= 0) {
                    // no program argument can hold a NUL; refused here, where the file says it
                    throw error(s, "a value contains a NUL character (\\0)", "remove the \\0 from this value");
                }
                if (!value.equals(s.getValue())) {
                    values.put(s, value); // string() falls back to the text as written
                }
            }
        }
    }
}
