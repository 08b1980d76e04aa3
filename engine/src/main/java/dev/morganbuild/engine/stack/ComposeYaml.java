package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A compose file loaded as a SnakeYAML node tree (so every value keeps its line and column), with
 * hostile-input limits, merge keys ({@code <<: *x}) applied, duplicate keys refused and every scalar
 * value interpolated once. All failures are {@link MorganException}s located in the file.
 */
final class ComposeYaml {
    static final int MAX_ALIASES = 50;
    static final int MAX_NESTING = 64;
    static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

    /** A mapping entry: its key node (for locations), key text and value node. */
    record Entry(ScalarNode keyNode, String key, Node value) {
    }

    private final String file;
    private final MappingNode root;
    private final Map<Node, String> values = new IdentityHashMap<>();
    private final Map<Node, List<Entry>> entryCache = new IdentityHashMap<>();
    private final Map<Node, Boolean> merging = new IdentityHashMap<>();

    private ComposeYaml(String file, Node root, Map<String, String> env) {
        this.file = file;
        if (!(root instanceof MappingNode m)) {
            throw error(root, "the compose file must be a mapping with a 'services:' key, found " + kind(root),
                    "start the file with 'services:' and list each service under it");
        }
        this.root = m;
        interpolate(root, env);
    }

    static ComposeYaml load(Path path, Map<String, String> env) {
        String file = path.toString();
        Node node;
        try {
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                // a directory, device or pipe: /dev/zero would be read forever, a pipe would block
                throw new MorganException(file, 0, 0, "the compose file is not a regular file (a directory, device "
                        + "or pipe)", "point at the docker-compose.yml itself");
            }
            if (Files.size(path) > 4L * MAX_CODE_POINTS) {
                throw new MorganException(file, 1, 1, "the compose file is larger than 8 MB",
                        "a compose file this large is almost certainly generated or hostile; keep it under 8 MB");
            }
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                    || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
                // a UTF-16 byte-order mark: let SnakeYAML's reader pick the encoding, as docker compose does
                try (Reader reader = new UnicodeReader(new java.io.ByteArrayInputStream(bytes))) {
                    node = compose(file, reader);
                }
            } else {
                node = compose(file, new java.io.StringReader(Utf8Text.decode(file, bytes, "a compose file")));
            }
        } catch (NoSuchFileException e) {
            throw new MorganException(file, 0, 0, "compose file not found",
                    "check the path, or pass the compose file explicitly (e.g. -f docker-compose.yml)");
        } catch (IOException e) {
            throw new MorganException(file, 0, 0, "cannot read the compose file: " + e.getMessage(),
                    "check that the file is readable by the build user", e);
        }
        if (node == null) {
            throw new MorganException(file, 1, 1, "the compose file is empty",
                    "add a 'services:' section with at least one service that has a 'build:' section");
        }
        return new ComposeYaml(file, node, env);
    }

    private static Node compose(String file, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowDuplicateKeys(false);
        TrackingParser parser = new TrackingParser(new ParserImpl(new StreamReader(reader), options));
        try {
            return new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new MorganException(file, line(mark), column(mark), "invalid YAML: " + problem,
                    "fix the YAML syntax here: check indentation, quoting, and that each key ends with ':'", e);
        } catch (YAMLException e) {
            throw limitError(file, parser.last, e);
        }
    }

    private static MorganException limitError(String file, Mark at, YAMLException e) {
        String msg = String.valueOf(e.getMessage());
        String hint;
        if (msg.contains("aliases")) {
            hint = "anchors (&name) may be reused with aliases (*name) at most " + MAX_ALIASES
                    + " times for lists and maps; write the values out instead";
        } else if (msg.contains("Nesting Depth")) {
            hint = "nest lists and maps at most " + MAX_NESTING + " levels deep";
        } else if (msg.contains("Recursive key")) {
            hint = "remove the alias that makes a mapping key contain itself";
        } else if (msg.contains("exceeds the limit")) {
            hint = "keep the compose file under 8 MB";
        } else {
            hint = "fix the YAML at this position";
        }
        return new MorganException(file, line(at), column(at), "refused YAML: " + msg, hint, e);
    }

    MappingNode root() {
        return root;
    }

    String file() {
        return file;
    }

    MorganException error(Node at, String problem, String hint) {
        Mark mark = at == null ? null : at.getStartMark();
        return new MorganException(file, line(mark), column(mark), problem, hint);
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

    /** Interpolates every scalar value (not keys) once; shared alias nodes are visited once. */
    private void interpolate(Node root, Map<String, String> env) {
        IdentityHashMap<Node, Boolean> seen = new IdentityHashMap<>();
        ArrayList<Node> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            if (seen.put(n, Boolean.TRUE) != null) {
                continue;
            }
            if (n instanceof MappingNode m) {
                m.getValue().forEach(t -> todo.add(t.getValueNode()));
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
                values.put(s, value);
            }
        }
    }

    /** Remembers the last event's position: SnakeYAML's limit errors carry no position. */
    private static final class TrackingParser implements Parser {
        private final Parser delegate;
        private Mark last;

        TrackingParser(Parser delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return delegate.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            Event e = delegate.peekEvent();
            last = e == null ? last : e.getStartMark();
            return e;
        }

        @Override
        public Event getEvent() {
            Event e = delegate.getEvent();
            last = e == null ? last : e.getStartMark();
            return e;
        }
    }
}
