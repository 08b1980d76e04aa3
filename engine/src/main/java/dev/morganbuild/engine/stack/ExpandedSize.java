package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Bounds a YAML tree as it would be with every alias expanded: at most {@value #MAX_NODES} nodes and
 * {@value #MAX_DEPTH} levels. An alias bomb ("billion laughs") is refused without being expanded
 * (sizes are counted once per node), while real files that reuse anchors hundreds of times are read.
 * An alias inside the collection it names is refused too.
 */
final class ExpandedSize {
    static final long MAX_NODES = 1_000_000;
    static final int MAX_DEPTH = 128;

    private record Size(long nodes, int depth) {
    }

    private final String file;
    private final Map<Node, Size> sizes = new IdentityHashMap<>();
    private final Map<Node, Boolean> open = new IdentityHashMap<>();

    private ExpandedSize(String file) {
        this.file = file;
    }

    static void check(String file, Node root) {
        new ExpandedSize(file).size(root, 1);
    }

    private static final Size SCALAR = new Size(1, 1);

    private Size size(Node n, int level) {
        if (!(n instanceof MappingNode) && !(n instanceof SequenceNode)) {
            return SCALAR;
        }
        Size known = sizes.get(n);
        if (known == null) {
            if (open.put(n, Boolean.TRUE) != null) {
                throw error(n, "an alias refers to the list or mapping that contains it",
                        "remove the alias (*name) that makes this value contain itself");
            }
            if (level > MAX_DEPTH) {
                throw error(n, "the document nests more than " + MAX_DEPTH + " levels deep once aliases are expanded",
                        "nest lists and maps at most " + MAX_DEPTH + " levels deep, aliases included");
            }
            long nodes = 1;
            int depth = 0;
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (Tag.MERGE.equals(t.getKeyNode().getTag()) && mergesOpen(t.getValueNode())) {
                        continue; // a mapping merging itself: ComposeYaml says so, at the merge key
                    }
                    Size k = size(t.getKeyNode(), level + 1);
                    Size v = size(t.getValueNode(), level + 1);
                    nodes += k.nodes() + v.nodes();
                    depth = Math.max(depth, Math.max(k.depth(), v.depth()));
                    limit(n, nodes);
                }
            } else if (n instanceof SequenceNode s) {
                for (Node item : s.getValue()) {
                    Size v = size(item, level + 1);
                    nodes += v.nodes();
                    depth = Math.max(depth, v.depth());
                    limit(n, nodes);
                }
            }
            open.remove(n);
            known = new Size(nodes, depth + 1);
            sizes.put(n, known);
        }
        if (level - 1 + known.depth() > MAX_DEPTH) {
            throw error(n, "the document nests more than " + MAX_DEPTH + " levels deep once aliases are expanded",
                    "nest lists and maps at most " + MAX_DEPTH + " levels deep, aliases included");
        }
        return known;
    }

    private boolean mergesOpen(Node value) {
        return open.containsKey(value) || value instanceof SequenceNode s && s.getValue().stream().anyMatch(open::containsKey);
    }

    private void limit(Node n, long nodes) {
        if (nodes > MAX_NODES) {
            throw error(n, "refused YAML: this value expands to more than " + MAX_NODES
                            + " nodes once its aliases (*name) are expanded (an alias bomb?)",
                    "reuse anchors for what they are for (shared settings, <<: merge keys); write the values out instead of "
                            + "nesting aliases of aliases");
        }
    }

    private MorganException error(Node n, String problem, String hint) {
        return new MorganException(file, ComposeYaml.line(n), ComposeYaml.column(n.getStartMark()), problem, hint);
    }
}
