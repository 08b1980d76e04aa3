package dev.morganbuild.engine.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Applies a file's top-level {@code include}: each entry ({@code - path} or {@code {path,
 * project_directory, env_file}}) is read as a compose project of its own (its own folder for
 * relative paths, its own {@code .env} under the including project's environment) and its services
 * and secrets join this file's. A service defined twice, or an include that includes itself, is
 * refused.
 */
final class IncludeLoader {
    private static final List<String> KEYS = List.of("path", "project_directory", "env_file");

    private final ComposeYaml y;
    private final ProjectPaths paths;
    private final ProjectLoader loader;
    private final Rebase rebase;

    IncludeLoader(ComposeYaml y, ProjectPaths paths, ProjectLoader loader) {
        this.y = y;
        this.paths = paths;
        this.loader = loader;
        this.rebase = new Rebase(y);
    }

    /** {@code root} without its {@code include}, with the included services and secrets added. */
    MappingNode apply(MappingNode root, Path baseDir, Map<String, String> env, List<Path> including) {
        ComposeYaml.Entry include = y.find(root, "include");
        if (include == null) {
            return root;
        }
        if (!(include.value() instanceof SequenceNode entries)) {
            throw y.error(include.value(), "include must be a list, got " + ComposeYaml.kind(include.value()),
                    "write include: [path/to/compose.yaml] or include: [{path: ..., project_directory: ...}]");
        }
        MappingNode services = emptyIfNull(y.get(root, "services"), root);
        MappingNode secrets = emptyIfNull(y.get(root, "secrets"), root);
        for (Node entry : entries.getValue()) {
            MappingNode sub = load(entry, baseDir, env, including);
            Path dir = projectDir(entry, baseDir);
            services = add(services, rebase.services(emptyIfNull(y.get(sub, "services"), sub), dir), "service", entry);
            secrets = add(secrets, rebase.secrets(emptyIfNull(y.get(sub, "secrets"), sub), dir), "secret", entry);
        }
        List<NodeTuple> out = new ArrayList<>();
        boolean hasSecrets = false;
        for (ComposeYaml.Entry e : y.entries(root)) {
            switch (e.key()) {
                case "include" -> { }
                case "services" -> out.add(new NodeTuple(e.keyNode(), services));
                case "secrets" -> {
                    out.add(new NodeTuple(e.keyNode(), secrets));
                    hasSecrets = true;
                }
                default -> out.add(new NodeTuple(e.keyNode(), e.value()));
            }
        }
        if (y.find(root, "services") == null) {
            out.add(new NodeTuple(y.scalar(include.keyNode(), "services"), services));
        }
        if (!hasSecrets && !secrets.getValue().isEmpty()) {
            out.add(new NodeTuple(y.scalar(include.keyNode(), "secrets"), secrets));
        }
        return y.mapping(root, out);
    }

    private MappingNode load(Node entry, Path baseDir, Map<String, String> env, List<Path> including) {
        List<Path> files = new ArrayList<>();
        for (ComposeValues.Value v : values(entry, "path")) {
            Path f = paths.resolve(v.node(), baseDir, v.text(), "included compose file", false);
            if (including.contains(f)) {
                throw y.error(v.node(), "include of " + f + " includes itself (through " + including + ")",
                        "remove the include that closes the cycle");
            }
            files.add(f);
        }
        if (files.isEmpty()) {
            throw y.error(entry, "an include entry needs a path", "write include: [path/to/compose.yaml]");
        }
        Path dir = projectDir(entry, baseDir);
        List<Path> envFiles = new ArrayList<>();
        for (ComposeValues.Value v : values(entry, "env_file")) {
            envFiles.add(paths.resolve(v.node(), baseDir, v.text(), "include env_file", false));
        }
        if (envFiles.isEmpty() && Files.isRegularFile(dir.resolve(".env"))) {
            envFiles.add(dir.resolve(".env"));
        }
        List<Path> chain = new ArrayList<>(including);
        chain.addAll(files);
        return loader.load(files, dir, EnvFiles.environment(envFiles, env), chain);
    }

    /** project_directory, else the folder of the first path. */
    private Path projectDir(Node entry, Path baseDir) {
        List<ComposeValues.Value> dir = values(entry, "project_directory");
        if (!dir.isEmpty()) {
            return paths.resolve(dir.get(0).node(), baseDir, dir.get(0).text(), "include project_directory", true);
        }
        ComposeValues.Value first = values(entry, "path").get(0);
        return paths.resolve(first.node(), baseDir, first.text(), "included compose file", false).getParent();
    }

    private List<ComposeValues.Value> values(Node entry, String key) {
        if (entry instanceof ScalarNode) {
            return key.equals("path") ? List.of(new ComposeValues.Value(entry, y.string(entry, "include entry"))) : List.of();
        }
        MappingNode m = y.mapping(entry, "an include entry", "write a path, or {path: ..., project_directory: ..., env_file: ...}");
        for (ComposeYaml.Entry e : y.entries(m)) {
            if (!KEYS.contains(e.key())) {
                throw y.error(e.keyNode(), "unknown key '" + e.key() + "' in an include entry", "valid keys are: " + String.join(", ", KEYS));
            }
        }
        Node n = y.get(m, key);
        if (n == null || ComposeYaml.isNull(n)) {
            return List.of();
        }
        return n instanceof SequenceNode ? ComposeValues.strings(y, n, "include." + key)
                : List.of(new ComposeValues.Value(n, y.string(n, "include." + key)));
    }

    private MappingNode add(MappingNode mine, MappingNode theirs, String what, Node entry) {
        List<NodeTuple> out = new ArrayList<>(mine.getValue().isEmpty() ? List.of() : tuples(mine));
        for (ComposeYaml.Entry e : y.entries(theirs)) {
            ComposeYaml.Entry clash = y.find(mine, e.key());
            if (clash != null) {
                throw y.error(clash.keyNode(), what + " '" + e.key() + "' is defined here and in the included "
                        + y.fileOf(e.keyNode()), "rename one of them, or drop the include of " + y.fileOf(e.keyNode()));
            }
            out.add(new NodeTuple(e.keyNode(), e.value()));
        }
        return y.mapping(mine, out);
    }

    private List<NodeTuple> tuples(MappingNode m) {
        List<NodeTuple> out = new ArrayList<>();
        y.entries(m).forEach(e -> out.add(new NodeTuple(e.keyNode(), e.value())));
        return out;
    }

    private MappingNode emptyIfNull(Node n, Node like) {
        return ComposeYaml.isNull(n) ? y.mapping(like, List.of()) : y.mapping(n, "a top-level section", "write it as a mapping");
    }
}
