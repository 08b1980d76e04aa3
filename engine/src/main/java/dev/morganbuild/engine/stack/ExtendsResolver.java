package dev.morganbuild.engine.stack;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Resolves {@code extends} (the short {@code extends: base} and {@code {service, file}}): the base
 * service, itself resolved first, with the extending service merged onto it by {@link ComposeMerge}'s
 * rules. A base from another file keeps that file's folder as the start of its relative paths. A
 * chain that comes back to itself is refused at the {@code extends} that closes it.
 */
final class ExtendsResolver {
    private static final List<String> KEYS = List.of("service", "file");

    /** A compose file's services and the folder its relative paths start from. */
    private record Source(Path file, MappingNode services, Path baseDir) {
    }

    private final ComposeYaml y;
    private final ProjectPaths paths;
    private final Map<String, String> env;
    private final ComposeMerge merge;
    private final Rebase rebase;
    private final Map<String, MappingNode> resolved = new HashMap<>();
    private final Map<Path, Source> files = new HashMap<>();

    ExtendsResolver(ComposeYaml y, ProjectPaths paths, Map<String, String> env) {
        this.y = y;
        this.paths = paths;
        this.env = env;
        this.merge = new ComposeMerge(y);
        this.rebase = new Rebase(y);
    }

    /** {@code root} (read from {@code file}) with every service's {@code extends} resolved. */
    MappingNode resolve(Path file, MappingNode root, Path baseDir) {
        ComposeYaml.Entry services = y.find(root, "services");
        if (services == null || !(services.value() instanceof MappingNode map)) {
            return root;
        }
        Source source = new Source(file, map, baseDir);
        List<NodeTuple> out = new ArrayList<>();
        for (ComposeYaml.Entry e : y.entries(map)) {
            out.add(new NodeTuple(e.keyNode(), e.value() instanceof MappingNode
                    ? service(source, e.key(), e.keyNode(), new ArrayDeque<>()) : e.value()));
        }
        List<NodeTuple> top = new ArrayList<>();
        for (ComposeYaml.Entry e : y.entries(root)) {
            top.add(new NodeTuple(e.keyNode(), e.key().equals("services") ? y.mapping(map, out) : e.value()));
        }
        return y.mapping(root, top);
    }

    private MappingNode service(Source src, String name, Node at, Deque<String> chain) {
        String key = src.file() + "#" + name;
        MappingNode done = resolved.get(key);
        if (done != null) {
            return done;
        }
        Node node = y.get(src.services(), name);
        if (node == null) {
            throw y.error(at, "extends names service '" + name + "', which " + src.file() + " does not define",
                    "services there are: " + String.join(", ", y.entries(src.services()).stream().map(ComposeYaml.Entry::key).toList()));
        }
        MappingNode svc = y.mapping(node, "services." + name, "give the service a build: or image: section");
        ComposeYaml.Entry ext = y.find(svc, "extends");
        if (ext == null) {
            resolved.put(key, svc);
            return svc;
        }
        if (chain.contains(key)) {
            List<String> names = new ArrayList<>();
            chain.descendingIterator().forEachRemaining(k -> names.add(k.substring(k.lastIndexOf('#') + 1)));
            throw y.error(ext.keyNode(), "services." + name + ".extends makes a cycle: " + String.join(" -> ", names) + " -> " + name,
                    "remove one extends of the cycle");
        }
        chain.push(key);
        String baseName;
        Source baseSrc = src;
        if (ext.value() instanceof ScalarNode) {
            baseName = y.string(ext.value(), "services." + name + ".extends");
        } else {
            MappingNode m = y.mapping(ext.value(), "services." + name + ".extends", "write extends: {service: base, file: other.yml}");
            for (ComposeYaml.Entry e : y.entries(m)) {
                if (!KEYS.contains(e.key())) {
                    throw y.error(e.keyNode(), "unknown key '" + e.key() + "' in services." + name + ".extends", "valid keys are: service, file");
                }
            }
            Node s = y.get(m, "service");
            if (s == null) {
                throw y.error(m, "services." + name + ".extends needs a service", "write extends: {service: base}");
            }
            baseName = y.string(s, "services." + name + ".extends.service");
            Node f = y.get(m, "file");
            if (f != null) {
                baseSrc = source(f, paths.resolve(f, src.baseDir(), y.string(f, "extends.file"), "extends file", false));
            }
        }
        MappingNode base = service(baseSrc, baseName, ext.value(), chain);
        if (!baseSrc.baseDir().equals(src.baseDir())) {
            base = rebase.service(base, baseSrc.baseDir());
        }
        List<NodeTuple> own = new ArrayList<>();
        y.entries(svc).stream().filter(e -> !e.key().equals("extends")).forEach(e -> own.add(new NodeTuple(e.keyNode(), e.value())));
        MappingNode result = (MappingNode) merge.service(base, y.mapping(svc, own));
        chain.pop();
        resolved.put(key, result);
        return result;
    }

    private Source source(Node at, Path file) {
        Source s = files.get(file);
        if (s == null) {
            MappingNode root = y.add(file, env);
            Node services = y.get(root, "services");
            if (!(services instanceof MappingNode m)) {
                throw y.error(at, "the extends file " + file + " has no services", "name a compose file with a services: section");
            }
            s = new Source(file, m, file.getParent());
            files.put(file, s);
        }
        return s;
    }
}
