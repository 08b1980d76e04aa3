package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.stack.BuildSecret;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image build, back-end neutral: what {@link ArgvRenderer} turns into docker's argv.
 *
 * @param service          service name (for messages)
 * @param context          build context directory (absolute), or null for a remote context
 * @param dockerfile       Dockerfile (absolute), or null for the Dockerfile inside a remote context
 * @param target           stage to build, or null
 * @param buildArgs        build args, in order
 * @param tags             image tags
 * @param labels           image labels
 * @param cacheFrom        compose {@code cache_from} entries
 * @param cacheTo          compose {@code cache_to} entries
 * @param secrets          build secrets (ids and sources, never values)
 * @param network          network for RUN steps, or null
 * @param platforms        target platforms
 * @param additionalContexts named contexts
 * @param noCache          pass {@code --no-cache}
 * @param inlineCache      embed cache metadata in the image ({@code BUILDKIT_INLINE_CACHE=1})
 * @param localCacheDir    per-agent cache directory for type=local import/export (buildx), or null
 * @param registryCacheRef registry cache reference (buildx), or null
 * @param builderName      buildx builder, or null for the current one
 * @param metadataFile     buildx {@code --metadata-file}, or null
 * @param iidFile          {@code --iidfile}, or null
 * @param push             push the image (buildx)
 * @param load             load the image into the engine (buildx)
 * @param progress         "plain" or "rawjson"
 * @param remoteContext    a git or HTTP context BuildKit fetches, or null
 * @param remoteDockerfile the Dockerfile's path inside {@code remoteContext}, when {@code dockerfile} is null
 */
public record BuildRequest(String service, Path context, Path dockerfile, String target, Map<String, String> buildArgs,
                           List<String> tags, Map<String, String> labels, List<String> cacheFrom, List<String> cacheTo,
                           List<BuildSecret> secrets, String network, List<String> platforms,
                           Map<String, String> additionalContexts, boolean noCache, boolean inlineCache,
                           Path localCacheDir, String registryCacheRef, String builderName, Path metadataFile,
                           Path iidFile, boolean push, boolean load, String progress, String remoteContext,
                           String remoteDockerfile) {
    public BuildRequest {
        buildArgs = ordered(buildArgs);
        labels = ordered(labels);
        additionalContexts = ordered(additionalContexts);
        tags = List.copyOf(tags == null ? List.of() : tags);
        cacheFrom = List.copyOf(cacheFrom == null ? List.of() : cacheFrom);
        cacheTo = List.copyOf(cacheTo == null ? List.of() : cacheTo);
        secrets = List.copyOf(secrets == null ? List.of() : secrets);
        platforms = List.copyOf(platforms == null ? List.of() : platforms);
        progress = progress == null ? "plain" : progress;
    }

    private static Map<String, String> ordered(Map<String, String> m) {
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    public static Builder builder(String service, Path context, Path dockerfile) {
        return new Builder(service, context, dockerfile);
    }

    /** Sets the many optional fields by name. */
    public static final class Builder {
        private final String service;
        private final Path context;
        private final Path dockerfile;
        private String target;
        private Map<String, String> buildArgs = Map.of();
        private List<String> tags = List.of();
        private Map<String, String> labels = Map.of();
        private List<String> cacheFrom = List.of();
        private List<String> cacheTo = List.of();
        private List<BuildSecret> secrets = List.of();
        private String network;
        private List<String> platforms = List.of();
        private Map<String, String> additionalContexts = Map.of();
        private boolean noCache;
        private boolean inlineCache;
        private Path localCacheDir;
        private String registryCacheRef;
        private String builderName;
        private Path metadataFile;
        private Path iidFile;
        private boolean push;
        private boolean load;
        private String progress = "plain";
        private String remoteContext;
        private String remoteDockerfile;

        private Builder(String service, Path context, Path dockerfile) {
            this.service = service;
            this.context = context;
            this.dockerfile = dockerfile;
        }

        public Builder target(String v) { target = v; return this; }
        public Builder buildArgs(Map<String, String> v) { buildArgs = v; return this; }
        public Builder tags(List<String> v) { tags = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        public Builder cacheFrom(List<String> v) { cacheFrom = v; return this; }
        public Builder cacheTo(List<String> v) { cacheTo = v; return this; }
        public Builder secrets(List<BuildSecret> v) { secrets = v; return this; }
        public Builder network(String v) { network = v; return this; }
        public Builder platforms(List<String> v) { platforms = v; return this; }
        public Builder additionalContexts(Map<String, String> v) { additionalContexts = v; return this; }
        public Builder noCache(boolean v) { noCache = v; return this; }
        public Builder inlineCache(boolean v) { inlineCache = v; return this; }
        public Builder localCacheDir(Path v) { localCacheDir = v; return this; }
        public Builder registryCacheRef(String v) { registryCacheRef = v; return this; }
        public Builder builderName(String v) { builderName = v; return this; }
        public Builder metadataFile(Path v) { metadataFile = v; return this; }
        public Builder iidFile(Path v) { iidFile = v; return this; }
        Builder push(boolean v) { push = v; return this; }
        public Builder load(boolean v) { load = v; return this; }
        public Builder progress(String v) { progress = v; return this; }
        /** A remote context (instead of the local one) and the Dockerfile's path in it (when there is no local one). */
        public Builder remote(String url, String dockerfileInContext) {
            remoteContext = url;
            remoteDockerfile = dockerfileInContext;
            return this;
        }

        public BuildRequest build() {
            return new BuildRequest(service, context, dockerfile, target, buildArgs, tags, labels, cacheFrom, cacheTo,
                    secrets, network, platforms, additionalContexts, noCache, inlineCache, localCacheDir,
                    registryCacheRef, builderName, metadataFile, iidFile, push, load, progress, remoteContext,
                    remoteDockerfile);
        }
    }
}
