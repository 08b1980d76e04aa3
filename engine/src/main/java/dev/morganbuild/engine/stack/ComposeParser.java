package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    static final List<String> TOP_LEVEL = List.of("version", "name", "include", "services", "networks",
            "volumes", "secrets", "configs", "x-morgan");

    private final ProjectSetup setup;
    private ComposeYaml y;

    private ComposeParser(ProjectSetup setup) {
        this.setup = setup;
    }

    /** Parses {@code composeFile} with its own directory as the project directory and the process environment. */
    static Stack parse(Path composeFile) {
        Path dir = composeFile.toAbsolutePath().getParent();
        return parse(composeFile, dir, System.getenv());
    }

    /** Parses {@code composeFile}; every build path must stay inside {@code projectDir}. Interpolates from the process environment. */
    public static Stack parse(Path composeFile, Path projectDir) {
        return parse(composeFile, projectDir, System.getenv());
    }

    /**
     * Reads the compose project that {@code options} names, as {@code docker compose} would: the
     * {@code -f} files (else COMPOSE_FILE, else the default file and its override) merged, the
     * {@code .env} or {@code --env-file}s, {@code include}, {@code extends} and profiles. A service
     * that cannot be built is kept in {@link Stack#problems()}, reported when it is selected.
     *
     * @throws MorganException for every problem of the project as a whole, with file, line, column and a fix
     */
    public static Stack parse(ProjectOptions options) {
        ProjectSetup setup = ProjectSetup.of(options);
        return run(setup, setup.files().get(0));
    }

    /**
     * Parses {@code composeFile} alone, interpolating {@code ${VAR}} from {@code env} (no {@code .env}
     * is read); every service is validated and the first problems are thrown together.
     *
     * @param projectDir the trust root; contexts, Dockerfiles and additional contexts must lie inside it
     * @throws MorganException for every problem, with file, line, column and a fix
     */
    static Stack parse(Path composeFile, Path projectDir, Map<String, String> env) {
        Path trust = ProjectSetup.realDirectory(projectDir, "the project directory");
        Path dir = composeFile.toAbsolutePath().getParent();
        Path base = dir != null && Files.isDirectory(dir) ? ProjectSetup.realDirectory(dir, "the compose file's folder") : trust;
        Stack stack = run(new ProjectSetup(List.of(composeFile), base, trust, Map.copyOf(env),
                ProjectSetup.defaultProfiles(env.get("COMPOSE_PROFILES")), true), composeFile);
        if (!stack.problems().isEmpty()) {
            throw ServiceProblems.of(List.copyOf(stack.problems().values()));
        }
        return stack;
    }

    private static Stack run(ProjectSetup setup, Path first) {
        try {
            return new ComposeParser(setup).run();
        } catch (MorganException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new MorganException(first.toString(), 0, 0, "cannot read the compose file: " + e,
                    "check the file with 'docker compose config'; if it is valid, report this as a morgan-build bug", e);
        }
    }

    private Stack run() {
        Path project = setup.trustRoot();
        y = ComposeYaml.forProject(setup.files().get(0));
        ProjectPaths paths = new ProjectPaths(y, project, setup.explicitTrustRoot());
        setup.files().forEach(f -> refuseComposeFileOutside(f, project));
        MappingNode root = new ProjectLoader(y, paths).load(setup.files(), setup.projectDir(), setup.env(),
                setup.files().stream().map(ComposeParser::real).toList());
        for (ComposeYaml.Entry e : y.entries(root)) {
            if (!TOP_LEVEL.contains(e.key()) && !e.key().startsWith("x-")) {
                throw y.error(e.keyNode(), "unsupported top-level key '" + e.key() + "'",
                        "valid top-level keys are: " + String.join(", ", TOP_LEVEL) + " and x-* extensions");
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
            all.put(e.key(), y.mapping(e.value(), "services." + e.key(), "give the service a build: or image: section"));
            keys.put(e.key(), e);
        }
        DependencyGraph graph = new DependencyGraph(y, dependsOn(all));
        graph.checkAcyclic();
        List<String> buildable = all.entrySet().stream()
                .filter(e -> !ComposeYaml.isNull(y.get(e.getValue(), "build"))).map(Map.Entry::getKey).toList();
        // Compose refuses the whole project over a malformed device reservation, also in a service it does
        // not build; a buildable service's are checked when it is read (a problem of that service only)
        DeviceReservations devices = new DeviceReservations(y);
        all.forEach((name, svc) -> {
            if (!buildable.contains(name)) {
                devices.gpuRequest(svc, "services." + name);
            }
        });
        Set<String> inactive = new Profiles(y, setup.profiles()).inactive(all, buildable);
        ServiceReader reader = new ServiceReader(y, project, settingsReader, defaults,
                new BuildSectionReader(y, paths, setup.projectDir(), setup.env(), secrets, buildable),
                projectName(root, setup.projectDir()), setup.env());
        Map<String, Service> services = new LinkedHashMap<>();
        Map<String, MorganException> problems = new LinkedHashMap<>();
        for (String name : buildable) {
            try {
                services.put(name, reader.read(name, all.get(name), keys.get(name),
                        graph.buildableDependencies(name, new java.util.HashSet<>(buildable))));
            } catch (MorganException e) {
                problems.put(name, e);
            }
        }
        ServiceContextGpu.apply(services, setup.env());
        if (buildable.isEmpty()) {
            throw y.error(servicesEntry.keyNode(), "no service has a build: section, so there is nothing to build",
                    "add build: {context: ., dockerfile: path/to/Dockerfile} to the services morgan-build should build");
        }
        return new Stack(setup.files().get(0).toAbsolutePath().normalize(), project, services, defaults, inactive, problems);
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

    private static Path real(Path f) {
        try {
            return f.toRealPath();
        } catch (java.io.IOException e) {
            return f.toAbsolutePath().normalize(); // missing: ComposeFileReader says so
        }
    }

    /** Compose's project name: COMPOSE_PROJECT_NAME, else top-level name:, else the project directory's name. */
    private String projectName(MappingNode root, Path projectDir) {
        Node n = y.get(root, "name");
        String env = setup.env().get("COMPOSE_PROJECT_NAME");
        String raw = env != null && !env.isBlank() ? env : n != null ? y.string(n, "name")
                : projectDir.getFileName() == null ? "project" : projectDir.getFileName().toString();
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "").replaceFirst("^[_-]+", "");
        return name.isEmpty() ? "project" : name;
    }

    /**
     * The compose file must itself lie in the trust root, symlinks followed: a checkout whose
     * docker-compose.yml links to a file of the agent (a credentials file) must not have that file read
     * and quoted in error messages.
     */
    private void refuseComposeFileOutside(Path composeFile, Path project) {
        Path real;
        try {
            real = composeFile.toRealPath();
        } catch (java.io.IOException e) {
            return; // missing or unreadable: ComposeFileReader says so
        }
        if (!real.startsWith(project)) {
            throw new MorganException(composeFile.toString(), 0, 0, "the compose file is outside the trust root "
                    + project + (real.equals(composeFile.toAbsolutePath().normalize()) ? "" : " (it resolves to " + real + ")"),
                    "use a compose file inside the checkout, or widen the boundary with --trust-root DIR; symlinks "
                            + "that lead out of it are refused");
        }
    }
}
