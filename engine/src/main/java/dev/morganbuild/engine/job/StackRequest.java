package dev.morganbuild.engine.job;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.id.RandomId;
import dev.morganbuild.engine.plan.PlanOptions;
import dev.morganbuild.engine.plan.Selection;
import dev.morganbuild.engine.record.CacheMountPolicy;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a front end (the CLI, the Jenkins step, the benchmark) asks of the engine: which compose
 * project, which services, and how to build them. Immutable; made with {@link #builder()}, where every
 * option has a name and its default. {@link BuildService} plans and builds from it.
 *
 * <p>Paths are kept as strings so that a request can travel to a Jenkins agent as it is.
 */
public final class StackRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The default number of services built at once. */
    static final int DEFAULT_PARALLELISM = 2;
    /** The default buildx builder name. */
    static final String DEFAULT_BUILDER = "morgan";

    private final String workingDir;
    private final List<String> composeFiles;
    private final String projectDirectory;
    private final List<String> envFiles;
    private final List<String> profiles;
    private final String trustRoot;
    private final Map<String, String> env;
    private final String selection;
    private final boolean noCache;
    private final boolean nightly;
    private final CacheMountPolicy cacheMounts;
    private final String target;
    private final Map<String, String> buildArgs;
    private final List<String> tags;
    private final String cacheRoot;
    private final String historyDir;
    private final boolean recordHistory;
    private final Long cacheBudgetBytes;
    private final String docker;
    private final Backend backend;
    private final String builderName;
    private final String network;
    private final String gpuLabel;
    private final String cpuLabel;
    private final String node;
    private final String runId;
    private final boolean smokeTest;
    private final int parallelism;
    private final boolean failFast;
    private final String progress;
    private final boolean push;
    private final String registry;
    private final boolean limitCompose;
    private final List<RegistryLogin> registryLogins;

    private StackRequest(Builder b) {
        workingDir = b.workingDir;
        composeFiles = List.copyOf(b.composeFiles);
        projectDirectory = b.projectDirectory;
        envFiles = List.copyOf(b.envFiles);
        profiles = List.copyOf(b.profiles);
        trustRoot = b.trustRoot;
        env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        selection = b.selection;
        noCache = b.noCache;
        nightly = b.nightly;
        cacheMounts = b.cacheMounts;
        target = b.target;
        buildArgs = Collections.unmodifiableMap(new LinkedHashMap<>(b.buildArgs));
        tags = List.copyOf(b.tags);
        cacheRoot = b.cacheRoot;
        historyDir = b.historyDir;
        recordHistory = b.recordHistory;
        cacheBudgetBytes = b.cacheBudgetBytes;
        docker = b.docker;
        backend = b.backend;
        builderName = b.builderName;
        network = b.network;
        gpuLabel = b.gpuLabel;
        cpuLabel = b.cpuLabel;
        node = b.node;
        runId = b.runId != null ? b.runId : RandomId.uuid().toString().substring(0, 8);
        smokeTest = b.smokeTest;
        parallelism = b.parallelism;
        failFast = b.failFast;
        progress = b.progress;
        push = b.push;
        registry = b.registry;
        limitCompose = b.limitCompose;
        registryLogins = List.copyOf(b.registryLogins);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads and writes a builder's fields as they are: the JSON form of a request follows its fields by itself.
     * In a holder class, made at first use: most requests never become JSON, and a CLI call would pay
     * Jackson's data binder (tens of milliseconds in a fresh JVM) for nothing.
     */
    private static final class Fields {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * This request as JSON without its environment and registry logins, for a build that another process
     * runs ({@link AgentJob}): both hold secrets, which must reach that process otherwise, never through a file.
     */
    String toJsonWithoutEnv() {
        Builder b = toBuilder();
        b.env = new LinkedHashMap<>();
        b.registryLogins = new ArrayList<>(); // passwords: never in a file another process reads
        try {
            return Fields.MAPPER.writeValueAsString(b);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request's fields are strings, numbers and lists", e);
        }
    }

    /** The builder of a request written by {@link #toJsonWithoutEnv()}. */
    static Builder fromJson(String json) throws JsonProcessingException {
        return Fields.MAPPER.readValue(json, Builder.class);
    }

    /** A builder holding this request's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.workingDir = workingDir;
        b.composeFiles = new ArrayList<>(composeFiles);
        b.projectDirectory = projectDirectory;
        b.envFiles = new ArrayList<>(envFiles);
        b.profiles = new ArrayList<>(profiles);
        b.trustRoot = trustRoot;
        b.env = new LinkedHashMap<>(env);
        b.selection = selection;
        b.noCache = noCache;
        b.nightly = nightly;
        b.cacheMounts = cacheMounts;
        b.target = target;
        b.buildArgs = new LinkedHashMap<>(buildArgs);
        b.tags = new ArrayList<>(tags);
        b.cacheRoot = cacheRoot;
        b.historyDir = historyDir;
        b.recordHistory = recordHistory;
        b.cacheBudgetBytes = cacheBudgetBytes;
        b.docker = docker;
        b.backend = backend;
        b.builderName = builderName;
        b.network = network;
        b.gpuLabel = gpuLabel;
        b.cpuLabel = cpuLabel;
        b.node = node;
        b.runId = runId;
        b.smokeTest = smokeTest;
        b.parallelism = parallelism;
        b.failFast = failFast;
        b.progress = progress;
        b.push = push;
        b.registry = registry;
        b.limitCompose = limitCompose;
        b.registryLogins = new ArrayList<>(registryLogins);
        return b;
    }

    /** Folder relative compose, env and project paths start from (the CLI's current folder, the workspace). */
    Path workingDir() {
        return Path.of(workingDir).toAbsolutePath().normalize();
    }

    /** Compose files as given ({@code -f}); empty: look for compose.yaml, docker-compose.yml, ... */
    List<Path> composeFiles() {
        return composeFiles.stream().map(f -> workingDir().resolve(f).normalize()).toList();
    }

    /** Compose's project directory ({@code --project-directory}), or null for the first compose file's folder. */
    Path projectDirectory() {
        return projectDirectory == null ? null : workingDir().resolve(projectDirectory).normalize();
    }

    /** {@code --env-file} files; empty: the project directory's {@code .env}. */
    List<Path> envFiles() {
        return envFiles.stream().map(f -> workingDir().resolve(f).normalize()).toList();
    }

    /** Active compose profiles ({@code --profile}); empty: those of COMPOSE_PROFILES. */
    List<String> profiles() {
        return profiles;
    }

    /** The folder build inputs must stay inside, or null for the default (see the CLI's --trust-root). */
    Path trustRoot() {
        return trustRoot == null ? null : workingDir().resolve(trustRoot).normalize();
    }

    /**
     * The environment compose interpolation and {@code environment:} secrets read, and that docker runs
     * with (added to the process's own). The CLI passes its process environment; Jenkins only what the
     * Pipeline set.
     */
    public Map<String, String> env() {
        return env;
    }

    Selection selection() {
        return Selection.parse(selection);
    }

    boolean noCache() {
        return noCache;
    }

    boolean nightly() {
        return nightly;
    }

    /** Keep or drop cache mounts in no-cache builds, or null for x-morgan's, else keep. */
    CacheMountPolicy cacheMounts() {
        return cacheMounts;
    }

    /** Stage to build instead of each service's compose target, or null. */
    String target() {
        return target;
    }

    /** Build args added to every service's. */
    Map<String, String> buildArgs() {
        return buildArgs;
    }

    /** Tags added to every service's. */
    List<String> tags() {
        return tags;
    }

    /** The per-machine cache root: as given, else {@code $MORGAN_CACHE_ROOT}, else {@code ~/.cache/morgan-build}. */
    Path cacheRoot() {
        if (cacheRoot != null) {
            return workingDir().resolve(cacheRoot).normalize();
        }
        return dev.morganbuild.engine.cache.CacheRoot.defaultRoot(env.isEmpty() ? System.getenv() : env);
    }

    /** Where build records are appended, or null when the front end keeps them itself. */
    Path historyDir() {
        if (!recordHistory) {
            return null;
        }
        return historyDir != null ? workingDir().resolve(historyDir).normalize() : cacheRoot().resolve("history");
    }

    /** Byte budget of the caches, or null for x-morgan's (none when unset). */
    Long cacheBudgetBytes() {
        return cacheBudgetBytes;
    }

    /** The docker client to run, or null to find one ($MORGAN_DOCKER, docker, /usr/bin/docker). */
    String docker() {
        return docker;
    }

    /** The back end asked for, or null to choose from what the client offers. */
    Backend backend() {
        return backend;
    }

    String builderName() {
        return builderName;
    }

    /** Network for RUN steps when the compose file names none, or null to detect. */
    String network() {
        return network;
    }

    /** Label for GPU services when x-morgan names none. */
    String gpuLabel() {
        return gpuLabel;
    }

    /** Label for the other services when x-morgan names none. */
    String cpuLabel() {
        return cpuLabel;
    }

    /** Name of the machine or Jenkins node, recorded in every record. */
    String node() {
        return node;
    }

    /** Id shared by the records of this request. */
    String runId() {
        return runId;
    }

    /** Run each service's x-morgan smoke test after it is built. */
    boolean smokeTest() {
        return smokeTest;
    }

    /** Services built at once. */
    int parallelism() {
        return parallelism;
    }

    /** Stop at the first failed service instead of building every service that does not depend on it. */
    boolean failFast() {
        return failFast;
    }

    /** BuildKit progress format read with the buildx back end: plain or rawjson. */
    String progress() {
        return progress;
    }

    /** Push each built service's tags. */
    boolean push() {
        return push;
    }

    /**
     * A registry (host[:port][/prefix]) each service's image is also tagged in and pushed to, e.g.
     * {@code 127.0.0.1:5000/team} turns {@code morgan-stack/core:latest} into
     * {@code 127.0.0.1:5000/team/morgan-stack/core:latest}; null to push the compose file's tags as they are.
     */
    String registry() {
        return registry;
    }

    /**
     * Registry credentials for this build's docker client (push, base images, registry cache), given
     * to it in a private {@code DOCKER_CONFIG} that lives as long as the build; empty: the client's own
     * config as it is.
     */
    List<RegistryLogin> registryLogins() {
        return registryLogins;
    }

    /**
     * True when the compose file is not the machine admin's (Jenkins: it comes with the branch): local
     * caches must lie under the cache root, and its {@code x-morgan.cache.budget} is ignored.
     */
    boolean limitCompose() {
        return limitCompose;
    }

    /** Sets a request's options by name; every option has its default here. */
    public static final class Builder {
        private String workingDir = ".";
        private List<String> composeFiles = new ArrayList<>();
        private String projectDirectory;
        private List<String> envFiles = new ArrayList<>();
        private List<String> profiles = new ArrayList<>();
        private String trustRoot;
        private Map<String, String> env = new LinkedHashMap<>();
        private String selection = "all";
        private boolean noCache;
        private boolean nightly;
        private CacheMountPolicy cacheMounts;
        private String target;
        private Map<String, String> buildArgs = new LinkedHashMap<>();
        private List<String> tags = new ArrayList<>();
        private String cacheRoot;
        private String historyDir;
        private boolean recordHistory = true;
        private Long cacheBudgetBytes;
        private String docker;
        private Backend backend;
        private String builderName = DEFAULT_BUILDER;
        private String network;
        private String gpuLabel = PlanOptions.GPU_LABEL;
        private String cpuLabel = PlanOptions.CPU_LABEL;
        private String node = "localhost";
        private String runId;
        private boolean smokeTest;
        private int parallelism = DEFAULT_PARALLELISM;
        private boolean failFast;
        private String progress = "plain";
        private boolean push;
        private String registry;
        private boolean limitCompose;
        private List<RegistryLogin> registryLogins = new ArrayList<>();

        private Builder() {
        }

        public Builder workingDir(Path dir) {
            workingDir = Objects.requireNonNull(dir, "workingDir").toString();
            return this;
        }

        /** One compose file (replaces any given before). */
        public Builder composeFile(Path file) {
            composeFiles = new ArrayList<>(file == null ? List.of() : List.of(file.toString()));
            return this;
        }

        /** Compose files in {@code -f} order, merged as Compose merges them. */
        public Builder composeFiles(List<Path> files) {
            composeFiles = strings(files);
            return this;
        }

        public Builder projectDirectory(Path dir) {
            projectDirectory = dir == null ? null : dir.toString();
            return this;
        }

        public Builder envFiles(List<Path> files) {
            envFiles = strings(files);
            return this;
        }

        public Builder profiles(List<String> names) {
            profiles = new ArrayList<>(names == null ? List.of() : names);
            return this;
        }

        public Builder trustRoot(Path dir) {
            trustRoot = dir == null ? null : dir.toString();
            return this;
        }

        public Builder env(Map<String, String> variables) {
            env = new LinkedHashMap<>(variables == null ? Map.of() : variables);
            return this;
        }

        public Builder selection(Selection s) {
            selection = s == null ? "all" : s.toString();
            return this;
        }

        /** {@code all}, {@code cpu}, {@code cuda}, or service names separated by commas. */
        public Builder selection(String text) {
            Selection.parse(text);
            selection = text == null || text.isBlank() ? "all" : text.strip();
            return this;
        }

        public Builder noCache(boolean v) {
            noCache = v;
            return this;
        }

        public Builder nightly(boolean v) {
            nightly = v;
            return this;
        }

        public Builder cacheMounts(CacheMountPolicy v) {
            cacheMounts = v;
            return this;
        }

        public Builder target(String stage) {
            target = stage == null || stage.isBlank() ? null : stage;
            return this;
        }

        public Builder buildArgs(Map<String, String> args) {
            buildArgs = new LinkedHashMap<>(args == null ? Map.of() : args);
            return this;
        }

        /**
         * Build args as {@code KEY=VALUE} entries (a command line's {@code --build-arg}).
         *
         * @throws MorganException for an entry without a key
         */
        public Builder buildArgEntries(List<String> entries) {
            Map<String, String> map = new LinkedHashMap<>();
            for (String a : entries == null ? List.<String>of() : entries) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw MorganException.of("build arg '" + a + "' has no KEY=VALUE form", "write NAME=value");
                }
                map.put(a.substring(0, eq), a.substring(eq + 1));
            }
            return buildArgs(map);
        }

        public Builder tags(List<String> v) {
            tags = new ArrayList<>(v == null ? List.of() : v);
            return this;
        }

        public Builder cacheRoot(Path dir) {
            cacheRoot = dir == null ? null : dir.toString();
            return this;
        }

        /** Where records go (default {@code <cache root>/history}). */
        public Builder historyDir(Path dir) {
            historyDir = dir == null ? null : dir.toString();
            recordHistory = true;
            return this;
        }

        /** Keep records only in the result (the Jenkins step stores them with the build). */
        public Builder noHistory() {
            historyDir = null;
            recordHistory = false;
            return this;
        }

        public Builder cacheBudgetBytes(Long bytes) {
            cacheBudgetBytes = bytes;
            return this;
        }

        public Builder docker(String client) {
            docker = client == null || client.isBlank() ? null : client;
            return this;
        }

        Builder backend(Backend b) {
            backend = b;
            return this;
        }

        /** {@code buildx}, {@code builtin} or {@code auto}. */
        public Builder backend(String name) {
            backend = Backend.parse(name);
            return this;
        }

        public Builder builderName(String name) {
            builderName = name == null || name.isBlank() ? DEFAULT_BUILDER : name;
            return this;
        }

        public Builder network(String name) {
            network = name == null || name.isBlank() ? null : name;
            return this;
        }

        public Builder labels(String gpu, String cpu) {
            gpuLabel = gpu == null || gpu.isBlank() ? PlanOptions.GPU_LABEL : gpu;
            cpuLabel = cpu == null || cpu.isBlank() ? PlanOptions.CPU_LABEL : cpu;
            return this;
        }

        public Builder node(String name) {
            node = name == null || name.isBlank() ? "localhost" : name;
            return this;
        }

        public Builder runId(String id) {
            runId = id == null || id.isBlank() ? null : id;
            return this;
        }

        public Builder smokeTest(boolean v) {
            smokeTest = v;
            return this;
        }

        /**
         * @throws MorganException when {@code n} is below 1
         */
        public Builder parallelism(int n) {
            if (n < 1) {
                throw MorganException.of("parallelism must be 1 or more, not " + n, "build e.g. 2 services at once");
            }
            parallelism = n;
            return this;
        }

        public Builder failFast(boolean v) {
            failFast = v;
            return this;
        }

        /** {@code plain} or {@code rawjson} (buildx 0.13+). */
        public Builder progress(String mode) {
            String m = mode == null || mode.isBlank() ? "plain" : mode.strip();
            if (!m.equals("plain") && !m.equals("rawjson")) {
                throw MorganException.of("progress must be plain or rawjson, not '" + m + "'", "use --progress plain");
            }
            progress = m;
            return this;
        }

        public Builder push(boolean v) {
            push = v;
            return this;
        }

        /** See {@link StackRequest#registry()}; default null. */
        public Builder registry(String v) {
            registry = v == null || v.isBlank() ? null : v.strip().replaceAll("/+$", "");
            return this;
        }

        /** See {@link StackRequest#limitCompose()}; default false (the CLI's user owns the compose file). */
        public Builder limitCompose(boolean v) {
            limitCompose = v;
            return this;
        }

        /** See {@link StackRequest#registryLogins()}; default none ({@link RegistryCredentialsFile} reads a file of them). */
        public Builder registryLogins(List<RegistryLogin> logins) {
            registryLogins = new ArrayList<>(logins == null ? List.of() : logins);
            return this;
        }

        public StackRequest build() {
            return new StackRequest(this);
        }

        /** True when no cache root was set: whoever runs the request picks it (its own environment's default). */
        boolean cacheRootUnset() {
            return cacheRoot == null;
        }

        /** True when no docker client was named: whoever runs the request finds one. */
        boolean dockerUnset() {
            return docker == null;
        }

        private static List<String> strings(List<Path> paths) {
            List<String> out = new ArrayList<>();
            for (Path p : paths == null ? List.<Path>of() : paths) {
                out.add(p.toString());
            }
            return out;
        }
    }
}
