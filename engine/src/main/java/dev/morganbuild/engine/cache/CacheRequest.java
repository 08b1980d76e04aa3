package dev.morganbuild.engine.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which caches a {@link CacheService} call reads or prunes, with named options: the cache root, the
 * history that attributes the engine's records to services, the docker client, the budget to compare
 * with. Built with {@link #builder()}; every option has a default.
 */
public final class CacheRequest {
    private final CacheRoot root;
    private final Path historyDir;
    private final String docker;
    private final Map<String, String> env;
    private final List<BuildWindow> builds;
    private final Long budgetBytes;
    private final boolean engine;

    private CacheRequest(Builder b) {
        env = new LinkedHashMap<>(b.env != null ? b.env : System.getenv());
        env.put("DOCKER_BUILDKIT", "1");
        root = new CacheRoot(b.cacheRoot != null ? b.cacheRoot : CacheRoot.defaultRoot(env));
        historyDir = b.historyDir != null ? b.historyDir.toAbsolutePath() : root.root().resolve("history");
        docker = b.docker == null || b.docker.isBlank() ? null : b.docker;
        builds = List.copyOf(b.builds);
        budgetBytes = b.budget == null || b.budget.isBlank() ? null : ByteSize.parse(b.budget);
        engine = b.engine;
    }

    /** A request for the default cache root, the engine that {@code docker} reaches, no budget named. */
    public static Builder builder() {
        return new Builder();
    }

    /** The cache root's folder (absolute). */
    public Path cacheRoot() {
        return root.root();
    }

    CacheRoot root() {
        return root;
    }

    Path historyDir() {
        return historyDir;
    }

    /** The docker client named, or null to find one ($MORGAN_DOCKER, docker, /usr/bin/docker). */
    String docker() {
        return docker;
    }

    /** The environment docker runs with ({@code DOCKER_BUILDKIT=1} added). */
    Map<String, String> env() {
        return env;
    }

    /** Builds from outside the history (a Jenkins node's builds, whose history is on the controller). */
    List<BuildWindow> builds() {
        return builds;
    }

    /** The budget named, or null for the one the last build pruned the engine to. */
    Long budgetBytes() {
        return budgetBytes;
    }

    /** Whether a reading asks the engine too, not only the cache root. */
    boolean engine() {
        return engine;
    }

    /** The options; {@link #build()} checks the budget's size. */
    public static final class Builder {
        private Path cacheRoot;
        private Path historyDir;
        private String docker;
        private Map<String, String> env;
        private final List<BuildWindow> builds = new ArrayList<>();
        private String budget;
        private boolean engine = true;

        private Builder() {
        }

        /** The cache root; default: $MORGAN_CACHE_ROOT, else $XDG_CACHE_HOME/morgan-build, else ~/.cache/morgan-build. */
        public Builder cacheRoot(Path dir) {
            cacheRoot = dir;
            return this;
        }

        /** The build history that attributes the engine's records; default: {@code <cache root>/history}. */
        public Builder history(Path dir) {
            historyDir = dir;
            return this;
        }

        /** The docker client; null or blank (the default) finds one that can run BuildKit builds. */
        public Builder docker(String client) {
            docker = client;
            return this;
        }

        /** The environment docker runs with (DOCKER_HOST, DOCKER_CONTEXT ...); default: this process's. */
        public Builder env(Map<String, String> variables) {
            env = variables;
            return this;
        }

        /** Builds to attribute the engine's records with besides the history's (the Jenkins node's). */
        public Builder builds(List<BuildWindow> windows) {
            builds.addAll(windows);
            return this;
        }

        /**
         * The budget a reading compares with, as {@code 20GiB} or {@code 500MB}; null or blank (the
         * default) takes the one the last build pruned the engine to.
         */
        public Builder budget(String size) {
            budget = size;
            return this;
        }

        /** Whether a reading asks the engine (default) or reads only the cache root's folders. */
        public Builder engine(boolean ask) {
            engine = ask;
            return this;
        }

        /** @throws dev.morganbuild.engine.MorganException when the budget is not a size */
        public CacheRequest build() {
            return new CacheRequest(this);
        }
    }
}
