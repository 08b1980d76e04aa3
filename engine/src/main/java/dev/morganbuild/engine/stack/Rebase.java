package dev.morganbuild.engine.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Makes the build context of services read from another folder's file (an included project, the
 * file an {@code extends} names) absolute, so it still means that folder once the service is part of
 * this project, as Compose resolves each file's relative paths against its own project directory.
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
        y.entries(b).stream().filter(e -> !e.key().equals("context")).forEach(e -> buildOut.add(new NodeTuple(e.keyNode(), e.value())));
        List<NodeTuple> out = new ArrayList<>();
        for (ComposeYaml.Entry e : y.entries(svc)) {
            out.add(new NodeTuple(e.keyNode(), e.key().equals("build") ? y.mapping(b, buildOut) : e.value()));
        }
        return y.mapping(svc, out);
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
