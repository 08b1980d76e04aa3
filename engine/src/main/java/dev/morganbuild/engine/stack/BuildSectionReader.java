package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.dockerfile.ImageReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a service's {@code build:} (short or long form) and {@code image:} into a {@link BuildSpec}. */
final class BuildSectionReader {
    static final List<String> KEYS = List.of("context", "dockerfile", "dockerfile_inline", "target", "args", "tags",
            "labels", "cache_from", "cache_to", "secrets", "network", "platforms", "additional_contexts", "ssh",
            "shm_size", "extra_hosts", "isolation", "privileged", "no_cache", "pull", "ulimits", "entitlements",
            "provenance", "sbom");
    /** Fields read and accepted without effect on the build (docs/compose-compatibility.md says why). */
    static final List<String> IGNORED = List.of("shm_size", "extra_hosts", "isolation", "privileged", "no_cache", "pull",
            "ulimits", "entitlements", "provenance", "sbom");
    /** Fields refused with a hint. */
    static final List<String> REFUSED = List.of("ssh");
    private static final List<String> SECRET_KEYS = List.of("source", "target", "uid", "gid", "mode");
    private static final List<String> VERBATIM_CONTEXTS = List.of("docker-image://", "service:", "oci-layout://",
            "target:");

    /** The spec, and the {@code target} entry (null when unset) for checking it against the Dockerfile. */
    record Result(BuildSpec spec, ComposeYaml.Entry target) {
    }

    private final ComposeYaml y;
    private final ProjectPaths paths;
    private final Path composeDir;
    private final Map<String, String> env;
    private final MappingNode topSecrets;
    private final java.util.Collection<String> buildable;
    private List<Path> secretDirs; // read when a secret file is first met

    /** @param buildable the project's services that have a build section, which {@code service:} contexts may name */
    BuildSectionReader(ComposeYaml y, ProjectPaths paths, Path composeDir, Map<String, String> env,
                       MappingNode topSecrets, java.util.Collection<String> buildable) {
        this.buildable = buildable;
        this.y = y;
        this.paths = paths;
        this.composeDir = composeDir;
        this.env = env;
        this.topSecrets = topSecrets;
    }

    Result read(String service, Node build, Node image, String defaultTag) {
        String at = "services." + service + ".build";
        if (build instanceof ScalarNode && !ComposeYaml.isNull(build)) {
            String raw = contextText(build, at);
            Path context = RemoteContext.is(raw) ? null : paths.resolve(build, composeDir, raw, "build context", true);
            Path dockerfile = context == null ? null : paths.resolve(build, context, "Dockerfile", "Dockerfile", false);
            return new Result(new BuildSpec(context, dockerfile, null, Map.of(), tags(image, null, defaultTag, at),
                    Map.of(), List.of(), List.of(), List.of(), null, List.of(), Map.of(),
                    context == null ? new RemoteContext(raw, "Dockerfile") : null), null);
        }
        MappingNode map = y.mapping(build, at, "write build: <context dir>, or build: {context: ., dockerfile: ...}");
        for (ComposeYaml.Entry e : y.entries(map)) {
            if (!KEYS.contains(e.key()) && !e.key().startsWith("x-")) {
                throw y.error(e.keyNode(), "unknown key '" + e.key() + "' in " + at, "valid keys are: " + String.join(", ", KEYS));
            }
        }
        reject(map, "ssh", at, "morgan-build does not forward SSH agents; fetch private sources with build secrets");
        ComposeYaml.Entry ctx = y.find(map, "context");
        String raw = ctx == null ? "." : contextText(ctx.value(), at);
        boolean remote = RemoteContext.is(raw);
        Path context = remote ? null : paths.resolve(ctx == null ? map : ctx.value(), composeDir, raw, "build context", true);
        Path dockerfile = dockerfile(map, context, at);
        RemoteContext remoteContext = !remote ? null : new RemoteContext(raw, dockerfile != null ? null
                : y.get(map, "dockerfile") == null ? "Dockerfile" : remoteDockerfile(y.get(map, "dockerfile"), at));
        ComposeYaml.Entry target = y.find(map, "target");
        String targetName = target == null ? null : stageName(target.value(), at + ".target");
        Map<String, String> args = opt(map, "args", n -> ComposeValues.texts(ComposeValues.keyValues(y, n, at + ".args", env)));
        Map<String, String> labels = opt(map, "labels", n -> ComposeValues.texts(ComposeValues.keyValues(y, n, at + ".labels", null)));
        BuildSpec spec = new BuildSpec(context, dockerfile, targetName, args, tags(image, y.get(map, "tags"), defaultTag, at),
                labels, texts(map, "cache_from", at), texts(map, "cache_to", at), opt(map, "secrets", n -> secrets(n, at)),
                network(map, at),
                platforms(map, at), opt(map, "additional_contexts", n -> additionalContexts(n, at)), remoteContext);
        return new Result(spec, target);
    }

    /**
     * {@code dockerfile} (default Dockerfile) in the context, or {@code dockerfile_inline} written out;
     * null for the Dockerfile of a remote context ({@code context} null), which is BuildKit's to fetch.
     */
    private Path dockerfile(MappingNode map, Path context, String at) {
        Node df = y.get(map, "dockerfile");
        ComposeYaml.Entry inline = y.find(map, "dockerfile_inline");
        if (inline != null && df != null) {
            throw y.error(inline.keyNode(), at + " sets both dockerfile and dockerfile_inline",
                    "keep one of them: the compose specification makes them exclusive");
        }
        if (inline != null) {
            return InlineDockerfile.write(y.string(inline.value(), at + ".dockerfile_inline"));
        }
        if (context == null) {
            return null;
        }
        return paths.resolve(df == null ? map : df, context,
                df == null ? "Dockerfile" : y.string(df, at + ".dockerfile"), "Dockerfile", false);
    }

    private String network(MappingNode map, String at) {
        Node n = y.get(map, "network");
        if (n == null) {
            return null;
        }
        String name = y.string(n, at + ".network");
        if (!KeyNames.isNetwork(name)) {
            throw y.error(n, at + ".network '" + name.strip() + "' is not a network name",
                    "use host, none, default or the name of a docker network (letters, digits, '_', '.', '-')");
        }
        return name;
    }

    /**
     * The context as written. A remote one (git, HTTP) goes to BuildKit as it is, so it must stay one
     * argument: no blanks or control characters. Other URL schemes are not contexts BuildKit fetches.
     */
    private String contextText(Node node, String at) {
        String raw = y.string(node, at + ".context");
        if (RemoteContext.is(raw) && !raw.matches("\\S+")) {
            throw y.error(node, "remote build context '" + raw.strip() + "' contains blanks or control characters",
                    "write the URL without spaces, e.g. https://github.com/org/repo.git#main:subdir");
        }
        if (!RemoteContext.is(raw) && raw.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw y.error(node, "build context '" + raw + "' is neither a local folder nor a git or HTTP(S) URL",
                    "BuildKit fetches https://, http://, git://, ssh://, git@ and github.com/ contexts; for an image, "
                            + "use additional_contexts with docker-image://");
        }
        return raw;
    }

    /**
     * The Dockerfile's path inside a remote context: relative and staying inside it, so that nothing on
     * this machine is read for it (a local path would be one).
     */
    private String remoteDockerfile(Node node, String at) {
        String df = y.string(node, at + ".dockerfile");
        boolean inside;
        try {
            Path p = Path.of(df).normalize();
            inside = !df.isBlank() && !p.isAbsolute() && !p.startsWith("..") && !df.startsWith("-") && !df.startsWith("~")
                    && df.chars().noneMatch(Character::isISOControl);
        } catch (java.nio.file.InvalidPathException e) {
            inside = false;
        }
        if (!inside) {
            throw y.error(node, at + ".dockerfile '" + df.strip() + "' is not a path inside the remote context",
                    "name the Dockerfile by its path in the repository, e.g. docker/Dockerfile, or use dockerfile_inline");
        }
        return df;
    }

    private void reject(MappingNode map, String key, String at, String hint) {
        ComposeYaml.Entry e = y.find(map, key);
        if (e != null) {
            throw y.error(e.keyNode(), at + "." + key + " is not supported by morgan-build", hint);
        }
    }

    private String stageName(Node node, String what) {
        String s = y.string(node, what);
        if (!ImageReference.isStageName(s)) {
            throw y.error(node, what + " '" + s.strip() + "' is not a valid stage name",
                    "name a stage of the Dockerfile (FROM ... AS <name>): a letter, then letters, digits, '_', '.', '-'");
        }
        return s;
    }

    private List<String> tags(Node image, Node tags, String defaultTag, String at) {
        Set<String> out = new LinkedHashSet<>();
        if (image != null && !ComposeYaml.isNull(image)) {
            out.add(imageRef(new ComposeValues.Value(image, y.string(image, "image")), "image"));
        }
        if (tags != null) {
            ComposeValues.strings(y, tags, at + ".tags").forEach(v -> out.add(imageRef(v, at + ".tags entry")));
        }
        if (out.isEmpty()) {
            out.add(defaultTag);
        }
        return new ArrayList<>(out);
    }

    private String imageRef(ComposeValues.Value v, String what) {
        if (!ImageReference.isValid(v.text())) {
            throw y.error(v.node(), what + " '" + v.text().strip() + "' " + ImageReference.problem(v.text())
                    + ": not a valid image reference", "use [registry/]name[:tag] in lower case, e.g. registry.example.com/team/app:1.0");
        }
        return v.text();
    }

    private List<String> texts(MappingNode map, String key, String at) {
        Node n = y.get(map, key);
        return n == null ? List.of() : ComposeValues.strings(y, n, at + "." + key).stream().map(ComposeValues.Value::text).toList();
    }

    private List<String> platforms(MappingNode map, String at) {
        Node n = y.get(map, "platforms");
        List<String> out = new ArrayList<>();
        for (ComposeValues.Value v : n == null ? List.<ComposeValues.Value>of() : ComposeValues.strings(y, n, at + ".platforms")) {
            if (!v.text().matches("[a-zA-Z0-9_./-]+")) {
                throw y.error(v.node(), "platform '" + v.text() + "' is not of the form os/arch[/variant]", "write e.g. linux/amd64");
            }
            out.add(v.text());
        }
        return out;
    }

    private List<BuildSecret> secrets(Node node, String at) {
        if (!(node instanceof SequenceNode seq)) {
            throw y.error(node, at + ".secrets must be a list, got " + ComposeYaml.kind(node),
                    "write e.g. secrets: [npm_token] or secrets: [{source: npm_token, target: npm}]");
        }
        List<BuildSecret> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            out.add(secret(item, at));
        }
        return out;
    }

    private List<Path> secretDirs() {
        if (secretDirs == null) {
            secretDirs = ProjectPaths.secretDirs(env);
        }
        return secretDirs;
    }

    private BuildSecret secret(Node item, String at) {
        if (item instanceof ScalarNode) {
            String source = y.string(item, at + ".secrets entry");
            return SecretResolver.resolve(y, topSecrets, composeDir, paths, secretDirs(), item, source, source);
        }
        MappingNode m = y.mapping(item, at + ".secrets entry", "write a secret name, or {source: name, target: id}");
        for (ComposeYaml.Entry e : y.entries(m)) {
            if (!SECRET_KEYS.contains(e.key())) {
                throw y.error(e.keyNode(), "unknown key '" + e.key() + "' in a build secret", "valid keys are: " + String.join(", ", SECRET_KEYS));
            }
        }
        Node src = y.get(m, "source");
        if (src == null) {
            throw y.error(m, "a build secret needs a source", "write {source: <name in the top-level secrets:>}");
        }
        String source = y.string(src, at + ".secrets.source");
        Node target = y.get(m, "target");
        return SecretResolver.resolve(y, topSecrets, composeDir, paths, secretDirs(), src, source,
                target == null ? source : y.string(target, at + ".secrets.target"));
    }

    /** Local paths start from the project directory, as compose-go resolves them (not from the build context). */
    private Map<String, String> additionalContexts(Node node, String at) {
        Map<String, String> out = new LinkedHashMap<>();
        Path base = composeDir;
        ComposeValues.keyValues(y, node, at + ".additional_contexts", null).forEach((name, v) -> {
            String s = v.text();
            if (s.startsWith(BuildSpec.SERVICE_CONTEXT)) {
                String other = s.substring(BuildSpec.SERVICE_CONTEXT.length());
                if (!buildable.contains(other)) {
                    throw y.error(v.node(), at + ".additional_contexts." + name + " names service '" + other
                            + "', which is not a service with a build section of this project",
                            "name a service that has build: (Compose builds it first and passes its image), or use "
                                    + "docker-image://<image> for an image built elsewhere");
                }
                out.put(name, s);
                return;
            }
            boolean verbatim = isReference(s);
            out.put(name, verbatim ? s : paths.resolve(v.node(), base, s, "additional context '" + name + "'", true).toString());
        });
        return out;
    }

    /** Whether an additional context is a reference BuildKit resolves (an image, URL, service...) rather than a local path. */
    static boolean isReference(String value) {
        return ProjectPaths.isRemote(value) || VERBATIM_CONTEXTS.stream().anyMatch(value::startsWith);
    }

    private <T> T opt(MappingNode map, String key, java.util.function.Function<Node, T> reader) {
        Node n = y.get(map, key);
        return n == null || ComposeYaml.isNull(n) ? null : reader.apply(n);
    }
}
