package dev.morganbuild.engine.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Makes the build context and the local additional contexts of services read from another folder's
 * file (an included project, the file an {@code extends} names) absolute, so they still mean that
 * folder once the service is part of this project, as Compose resolves each file's relative paths
 * against its own project directory.
 */
final class Rebase {
    private final ComposeYaml y;
    private final ComposeMerge merge;

    Rebase(ComposeYaml y) {
        this.y = y;
        this.merge = new ComposeMerge(y);
    }

    /** {@code services} with every build context resolved against {@code dir}. */
    MappingNode services(MappingNode services, Path dir) {
        List<NodeTuple> out = new ArrayList<>();
        for (ComposeYaml.Entry e : y.entries(services)) {
            out.add(new NodeTuple(e.keyNode(), e.value() instanceof MappingNode svc ? service(svc, dir) : e.value()));
        }
        return y.mapping(services, out);
    }

    /** {@code svc} with its build context (default ".") resolved against {@code dir}. */
    MappingNode service(MappingNode svc, Path dir) {
        ComposeYaml.Entry build = y.find(svc, "build");
        if (build == null || ComposeYaml.isNull(build.value())) {
            return svc;
        }
        MappingNode b = merge.build(build.value());
        Node ctx = y.get(b, "context");
        String raw = ctx == null ? "." : y.string(ctx, "build.context");
        if (ProjectPaths.isRemote(raw)) {
            return svc;
        }
        Path abs;
        try {
            abs = dir.resolve(raw).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return svc; // reported when the context is read
        }
        List<NodeTuple> buildOut = new ArrayList<>();
        buildOut.add(new NodeTuple(y.scalar(ctx == null ? b : ctx, "context"), y.scalar(ctx == null ? b : ctx, abs.toString())));
        y.entries(b).stream().filter(e -> !e.key().equals("context")).forEach(e -> buildOut.add(new NodeTuple(e.keyNode(),
                e.key().equals("additional_contexts") ? additionalContexts(e.value(), dir) : e.value())));
        List<NodeTuple> out = new ArrayList<>();
        for (ComposeYaml.Entry e : y.entries(svc)) {
            out.add(new NodeTuple(e.keyNode(), e.key().equals("build") ? y.mapping(b, buildOut) : e.value()));
        }
        return y.mapping(svc, out);
    }

    /** {@code additional_contexts} (a mapping, or a list of {@code name=path}) with local paths resolved against {@code dir}. */
    private Node additionalContexts(Node node, Path dir) {
        if (node instanceof MappingNode m) {
            List<NodeTuple> out = new ArrayList<>();
            for (ComposeYaml.Entry e : y.entries(m)) {
                out.add(new NodeTuple(e.keyNode(), e.value() instanceof org.yaml.snakeyaml.nodes.ScalarNode s && !ComposeYaml.isNull(s)
                        ? y.scalar(s, local(s.getValue(), dir)) : e.value()));
            }
            return y.mapping(m, out);
        }
        if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
            List<Node> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                String text = item instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : null;
                int eq = text == null ? -1 : text.indexOf('=');
                out.add(eq <= 0 ? item : y.scalar(item, text.substring(0, eq + 1) + local(text.substring(eq + 1), dir)));
            }
            return y.sequence(seq, out);
        }
        return node; // reported when the section is read
    }

    /** {@code value} against {@code dir} when it is a local path, else as written. */
    private static String local(String value, Path dir) {
        if (value.isEmpty() || BuildSectionReader.isReference(value)) {
            return value;
        }
        try {
            return dir.resolve(value).normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return value; // reported when the section is read
        }
    }

    /** Top-level {@code secrets} with relative {@code file:} paths resolved against {@code dir}. */
    MappingNode secrets(MappingNode secrets, Path dir) {
        List<NodeTuple> out = new ArrayList<>();
        for (ComposeYaml.Entry e : y.entries(secrets)) {
            Node v = e.value();
            Node f = v instanceof MappingNode vm ? y.get(vm, "file") : null;
            if (v instanceof MappingNode m && !ComposeYaml.isNull(f)) {
                List<NodeTuple> fields = new ArrayList<>();
                for (ComposeYaml.Entry fe : y.entries(m)) {
                    fields.add(new NodeTuple(fe.keyNode(), fe.key().equals("file")
                            ? y.scalar(f, dir.resolve(y.string(f, "secrets." + e.key() + ".file")).normalize().toString()) : fe.value()));
                }
                v = y.mapping(m, fields);
            }
            out.add(new NodeTuple(e.keyNode(), v));
        }
        return y.mapping(secrets, out);
    }
}
