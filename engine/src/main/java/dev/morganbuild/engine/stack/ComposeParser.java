package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.dockerfile.ImageReference;
import dev.morganbuild.engine.dockerfile.DockerfileInfo;
import dev.morganbuild.engine.MorganException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses a docker-compose file into a validated {@link Stack}: the services with a {@code build:}
 * section, their Dockerfiles inspected for stages and GPU use, and the {@code x-morgan} settings.
 *
 * <p>Every problem is a {@link MorganException} naming the compose file (or Dockerfile), line,
 * column and a fix; no other exception escapes.
 */
public final class ComposeParser {
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final List<String> TOP_LEVEL = List.of("version", "name", "services", "networks", "volumes",
            "secrets", "configs", "x-morgan");

    private final Path composeFile;
    private final Path projectDir;
    private final Map<String, String> env;
    private ComposeYaml y;

    private ComposeParser(Path composeFile, Path projectDir, Map<String, String> env) {
        this.composeFile = composeFile;
        this.projectDir = projectDir;
        this.env = env;
    }

    /** Parses {@code composeFile} with its own directory as the project directory and the process environment. */
    public static Stack parse(Path composeFile) {
        Path dir = composeFile.toAbsolutePath().getParent();
        return parse(composeFile, dir, System.getenv());
    }

    /** Parses {@code composeFile}; every build path must stay inside {@code projectDir}. Interpolates from the process environment. */
    public static Stack parse(Path composeFile, Path projectDir) {
        return parse(composeFile, projectDir, System.getenv());
    }

    /**
     * Reads the compose project that {@code options} names, as {@code docker compose} would.
     *
     * @throws MorganException for every problem, with file, line, column and a fix
     */
    public static Stack parse(ProjectOptions options) {
        Path file;
        if (options.files().isEmpty()) {
            file = ProjectOptions.DEFAULT_FILES.stream().map(n -> options.workingDir().resolve(n))
                    .filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> MorganException.of("no compose file in " + options.workingDir(),
                            "run morgan in the folder of your docker-compose.yml, or pass -f path/to/docker-compose.yml"));
        } else if (options.files().size() == 1) {
            file = options.workingDir().resolve(options.files().get(0)).normalize();
        } else {
            throw MorganException.of("several compose files " + options.files() + " are not supported yet",
                    "pass one compose file");
        }
        Path root = options.trustRoot() != null ? options.trustRoot()
                : options.projectDirectory() != null ? options.projectDirectory() : file.toAbsolutePath().getParent();
        return parse(file, root, options.env());
    }

    /**
     * Parses {@code composeFile}, interpolating {@code ${VAR}} from {@code env}.
     *
     * @param projectDir the repository root; contexts, Dockerfiles and additional contexts must lie inside it
     * @throws MorganException for every problem, with file, line, column and a fix
     */
    public static Stack parse(Path composeFile, Path projectDir, Map<String, String> env) {
        try {
            return new ComposeParser(composeFile, projectDir, Map.copyOf(env)).run();
        } catch (MorganException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new MorganException(composeFile.toString(), 0, 0, "cannot read the compose file: " + e,
                    "check the file with 'docker compose config'; if it is valid, report this as a morgan-build bug", e);
        }
    }

    private Stack run() {
        Path project = realDirectory(projectDir, "project directory");
        refuseComposeFileOutside(project);
        y = ComposeYaml.load(composeFile, env);
        Path composeDir = realDirectory(composeFile.toAbsolutePath().getParent(), "compose file directory");
        MappingNode root = y.root();
        for (ComposeYaml.Entry e : y.entries(root)) {
            if (!TOP_LEVEL.contains(e.key()) && !e.key().startsWith("x-")) {
                throw y.error(e.keyNode(), "unsupported top-level key '" + e.key() + "'",
                        e.key().equals("include") ? "merge the included files into this one, or pass the file that defines the services"
                                : "valid top-level keys are: " + String.join(", ", TOP_LEVEL) + " and x-* extensions");
            }
        }
        MorganSettingsReader settingsReader = new MorganSettingsReader(y);
        MorganSettings defaults = settingsReader.read(y.get(root, "x-morgan"), "x-morgan");
        Node secretsNode = y.get(root, "secrets");
        MappingNode secrets = ComposeYaml.isNull(secretsNode) ? null
                : y.mapping(secretsNode, "secrets", "write secrets: {name: {file: ./path}}");
        ComposeYaml.Entry servicesEntry = y.find(root, "services");
        if (servicesEntry == null || ComposeYaml.isNull(servicesEntry.value())) {
            throw y.error(servicesEntry == null ? root : servicesEntry.keyNode(), "no services defined",
                    "add a services: section with at least one service that has a build: section");
        }
        MappingNode servicesMap = y.mapping(servicesEntry.value(), "services", "list each service under services:");
        Map<String, MappingNode> all = new LinkedHashMap<>();
        Map<String, ComposeYaml.Entry> keys = new LinkedHashMap<>();
        for (ComposeYaml.Entry e : y.entries(servicesMap)) {
            if (!SERVICE_NAME.matcher(e.key()).matches()) {
                throw y.error(e.keyNode(), "invalid service name '" + e.key() + "'",
                        "service names start with a letter or digit and contain only letters, digits, '_', '.', '-'");
            }
            MappingNode svc = y.mapping(e.value(), "services." + e.key(), "give the service a build: or image: section");
            if (y.find(svc, "extends") != null) {
                throw y.error(y.find(svc, "extends").keyNode(), "services." + e.key() + ".extends is not supported by morgan-build",
                        "write the service out in full (YAML anchors and <<: merge keys are supported)");
            }
            all.put(e.key(), svc);
            keys.put(e.key(), e);
        }
        DependencyGraph graph = new DependencyGraph(y, dependsOn(all));
        graph.checkAcyclic();
        Map<String, Service> services = new LinkedHashMap<>();
        List<String> buildable = all.entrySet().stream()
                .filter(e -> !ComposeYaml.isNull(y.get(e.getValue(), "build"))).map(Map.Entry::getKey).toList();
        BuildSectionReader buildReader = new BuildSectionReader(y, new ProjectPaths(y, project), composeDir, env, secrets);
        GpuDetector gpuDetector = new GpuDetector(y);
        String projectName = projectName(root, composeDir);
        for (String name : buildable) {
            MappingNode svc = all.get(name);
            String at = "services." + name;
            MorganSettings settings = settingsReader.read(y.get(svc, "x-morgan"), at + ".x-morgan").over(defaults);
            if ("registry".equals(settings.cacheMode()) && settings.cacheRef() == null) {
                throw y.error(keys.get(name).keyNode(), "service '" + name + "' uses cache mode registry without a cache ref",
                        "add x-morgan: {cache: {ref: registry.example.com/cache/" + name + ":buildcache}}");
            }
            String defaultTag = projectName + "-" + name.toLowerCase(Locale.ROOT);
            BuildSectionReader.Result build = buildReader.read(name, y.get(svc, "build"), y.get(svc, "image"), defaultTag);
            BuildSpec spec = build.spec();
            if (spec.tags().contains(defaultTag) && !ImageReference.isValid(defaultTag)) {
                // compose names the image <project>-<service> when the service gives none
                throw y.error(keys.get(name).keyNode(), "service '" + name + "' has no image: and its default image "
                                + "name '" + abbreviate(defaultTag) + "' " + ImageReference.problem(defaultTag),
                        "add image: <name>:<tag> to the service, or give it a shorter name of lower-case letters, "
                                + "digits and single '.', '_' or '-' between them");
            }
            DockerfileInfo dockerfile = DockerfileInfo.parse(spec.dockerfile(), spec.args(),
                    dev.morganbuild.engine.dockerfile.BuildPlatform.target(spec.platforms(), env));
            if (spec.target() != null && !dockerfile.hasStage(spec.target())) {
                List<String> stages = dockerfile.stageNames();
                throw y.error(build.target().keyNode(), "target '" + spec.target() + "' is not a stage of "
                        + project.relativize(spec.dockerfile()), stages.isEmpty()
                        ? "the Dockerfile has no named stages: add AS <name> to a FROM line, or remove target"
                        : "set target to one of: " + String.join(", ", stages));
            }
            GpuRequirement gpu = gpuDetector.detect(name, svc, settings, dockerfile, spec.target(),
                    project.relativize(spec.dockerfile()).toString());
            services.put(name, new Service(name, spec, graph.buildableDependencies(name, new java.util.HashSet<>(buildable)),
                    gpu, settings, ComposeYaml.line(keys.get(name).keyNode())));
        }
        if (services.isEmpty()) {
            throw y.error(servicesEntry.keyNode(), "no service has a build: section, so there is nothing to build",
                    "add build: {context: ., dockerfile: path/to/Dockerfile} to the services morgan-build should build");
        }
        return new Stack(composeFile.toAbsolutePath().normalize(), project, services, defaults);
    }

    private Map<String, List<ComposeValues.Value>> dependsOn(Map<String, MappingNode> all) {
        Map<String, List<ComposeValues.Value>> deps = new LinkedHashMap<>();
        all.forEach((name, svc) -> {
            Node n = y.get(svc, "depends_on");
            String at = "services." + name + ".depends_on";
            List<ComposeValues.Value> list = new ArrayList<>();
            if (n instanceof SequenceNode) {
                list.addAll(ComposeValues.strings(y, n, at));
            } else if (n instanceof MappingNode m) {
                y.entries(m).forEach(e -> list.add(new ComposeValues.Value(e.keyNode(), e.key())));
            } else if (n != null && !ComposeYaml.isNull(n)) {
                throw y.error(n, at + " must be a list or a mapping, got " + ComposeYaml.kind(n),
                        "write depends_on: [other-service]");
            }
            for (ComposeValues.Value d : list) {
                if (!all.containsKey(d.text())) {
                    throw y.error(d.node(), "service '" + name + "' depends on unknown service '" + d.text() + "'",
                            "services are: " + String.join(", ", all.keySet()));
                }
            }
            deps.put(name, list);
        });
        return deps;
    }

    /** Compose's project name: top-level name:, else COMPOSE_PROJECT_NAME, else the directory name. */
    private String projectName(MappingNode root, Path composeDir) {
        Node n = y.get(root, "name");
        String raw = n != null ? y.string(n, "name") : env.getOrDefault("COMPOSE_PROJECT_NAME",
                composeDir.getFileName() == null ? "project" : composeDir.getFileName().toString());
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "").replaceFirst("^[_-]+", "");
        return name.isEmpty() ? "project" : name;
    }

    private Path realDirectory(Path dir, String what) {
        try {
            if (Files.isDirectory(dir)) {
                return dir.toRealPath();
            }
        } catch (IOException e) {
            // reported below
        }
        throw new MorganException(dir.toString(), 0, 0, "the " + what + " does not exist or is not a directory",
                "pass an existing directory (the repository root) as the project directory");
    }

    /**
     * The compose file must itself lie in the project, symlinks followed: a checkout whose
     * docker-compose.yml links to a file of the agent (a credentials file) must not have that file read
     * and quoted in error messages.
     */
    private void refuseComposeFileOutside(Path project) {
        Path real;
        try {
            real = composeFile.toRealPath();
        } catch (java.io.IOException e) {
            return; // missing or unreadable: ComposeYaml.load says so
        }
        if (!real.startsWith(project)) {
            throw new MorganException(composeFile.toString(), 0, 0, "the compose file is outside the project directory "
                    + project + (real.equals(composeFile.toAbsolutePath().normalize()) ? "" : " (it resolves to " + real + ")"),
                    "use a compose file inside the checkout; symlinks that lead out of it are refused");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 60) + "... (" + s.length() + " characters)";
    }
}
