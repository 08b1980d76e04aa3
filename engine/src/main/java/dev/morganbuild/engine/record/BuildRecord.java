package dev.morganbuild.engine.record;

import java.time.Instant;
import java.util.List;

/**
 * What one service build did: the unit the history stores and every trend, chart and report reads.
 * Serialised as JSON (one object per line in the history store).
 *
 * @param schema        record format version
 * @param id            unique id of this service build
 * @param runId         id shared by all services built by one morgan invocation / Jenkins step
 * @param service       compose service name
 * @param tags          image tags applied
 * @param imageId       image id (sha256:...) when known
 * @param digest        registry digest when pushed, else null
 * @param start         when the build started
 * @param durationMillis wall time of the docker build
 * @param steps         per-step timings, in BuildKit order
 * @param stepsCached   build steps served from the layer cache
 * @param stepsTotal    build steps (see {@link StepRecord#isBuildStep()})
 * @param kind          cold, warm or no-cache
 * @param nightly       true when this was a nightly (timer) build
 * @param cacheMountPolicy for no-cache builds: whether cache mounts were kept; null otherwise
 * @param node          the machine or Jenkins node that built it
 * @param backend       "buildx" or "builtin"
 * @param status        success, failed, aborted
 * @param exitCode      docker build's exit code
 * @param contextBytes  build context bytes transferred, -1 when unknown
 * @param dockerignore  whether the context had a .dockerignore
 * @param gitCommit     commit of the checkout, when known
 * @param warnings      things the user should know (large context without .dockerignore, ...)
 * @param error         short error text for a failed build, else null
 * @param dockerfileDigest SHA-256 of the Dockerfile bytes the build was given ({@code sha256:<hex>}), also
 *                      written to the image as the label {@value #DOCKERFILE_LABEL}; null when not built
 * @param budgetMillis  the service's build-time budget ({@code x-morgan.budget}) in force, or null for none
 * @param pushed        what {@code --push} pushed: one {@code <tag>@sha256:<digest>} per pushed tag, from
 *                      docker's push output for that repository; empty when nothing was pushed
 */
public record BuildRecord(int schema, String id, String runId, String service, List<String> tags,
                          String imageId, String digest, Instant start, long durationMillis,
                          List<StepRecord> steps, int stepsCached, int stepsTotal, BuildKind kind,
                          boolean nightly, CacheMountPolicy cacheMountPolicy, String node, String backend,
                          BuildStatus status, int exitCode, long contextBytes, boolean dockerignore,
                          String gitCommit, List<String> warnings, String error, String dockerfileDigest,
                          Long budgetMillis, List<String> pushed) {

    public static final int SCHEMA = 1;
    /** The image label that names the digest of the Dockerfile an image was built from. */
    public static final String DOCKERFILE_LABEL = "dev.morganbuild.dockerfile.sha256";

    public BuildRecord {
        tags = tags == null ? List.of() : List.copyOf(tags);
        steps = steps == null ? List.of() : List.copyOf(steps);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        pushed = pushed == null ? List.of() : List.copyOf(pushed);
    }

    /** A record of a build that pushed nothing (records written before {@code pushed} existed read so too). */
    public BuildRecord(int schema, String id, String runId, String service, List<String> tags,
                       String imageId, String digest, Instant start, long durationMillis,
                       List<StepRecord> steps, int stepsCached, int stepsTotal, BuildKind kind,
                       boolean nightly, CacheMountPolicy cacheMountPolicy, String node, String backend,
                       BuildStatus status, int exitCode, long contextBytes, boolean dockerignore,
                       String gitCommit, List<String> warnings, String error, String dockerfileDigest,
                       Long budgetMillis) {
        this(schema, id, runId, service, tags, imageId, digest, start, durationMillis, steps, stepsCached, stepsTotal,
                kind, nightly, cacheMountPolicy, node, backend, status, exitCode, contextBytes, dockerignore, gitCommit,
                warnings, error, dockerfileDigest, budgetMillis, List.of());
    }

    /** Fraction of build steps served from cache, 0..1; 0 when there were none. */
    double cacheHitRatio() {
        return stepsTotal == 0 ? 0 : (double) stepsCached / stepsTotal;
    }

    public boolean succeeded() {
        return status == BuildStatus.SUCCESS;
    }

    /** True when a successful build took longer than its {@code x-morgan.budget}. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean overBudget() {
        return succeeded() && budgetMillis != null && durationMillis > budgetMillis;
    }

    /** "core took 12.4 s, over its x-morgan budget of 10.0 s", or empty when not {@link #overBudget()}. */
    public java.util.Optional<String> budgetOverrun() {
        if (!overBudget()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "%s took %.1f s, over its x-morgan budget of %.1f s",
                service, durationMillis / 1000.0, budgetMillis / 1000.0));
    }

    /** A builder with this record's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder for a record of {@code service}; every other value starts empty. */
    public static Builder builder(String id, String runId, String service) {
        return new Builder(new BuildRecord(SCHEMA, id, runId, service, List.of(), null, null, null, 0, List.of(), 0, 0,
                null, false, null, null, null, null, 0, -1, false, null, List.of(), null, null, null));
    }

    /**
     * The record of a service that was not built because a service it depends on failed or was
     * skipped: status {@link BuildStatus#SKIPPED}, error {@code skipped because <why>}.
     */
    public static BuildRecord skipped(String runId, String service, List<String> tags, boolean nightly, String node,
                                      String why) {
        return builder(java.util.UUID.randomUUID().toString(), runId, service).tags(tags)
                .start(java.time.Instant.now()).nightly(nightly).node(node).status(BuildStatus.SKIPPED).exitCode(-1)
                .error("skipped because " + why).build();
    }

    /** Sets a record's values by name. */
    public static final class Builder {
        private int schema;
        private String id;
        private String runId;
        private String service;
        private List<String> tags;
        private String imageId;
        private String digest;
        private Instant start;
        private long durationMillis;
        private List<StepRecord> steps;
        private int stepsCached;
        private int stepsTotal;
        private BuildKind kind;
        private boolean nightly;
        private CacheMountPolicy cacheMountPolicy;
        private String node;
        private String backend;
        private BuildStatus status;
        private int exitCode;
        private long contextBytes;
        private boolean dockerignore;
        private String gitCommit;
        private List<String> warnings;
        private String error;
        private String dockerfileDigest;
        private Long budgetMillis;
        private List<String> pushed = List.of();

        private Builder(BuildRecord r) {
            schema = r.schema;
            id = r.id;
            runId = r.runId;
            service = r.service;
            tags = r.tags;
            imageId = r.imageId;
            digest = r.digest;
            start = r.start;
            durationMillis = r.durationMillis;
            steps = r.steps;
            stepsCached = r.stepsCached;
            stepsTotal = r.stepsTotal;
            kind = r.kind;
            nightly = r.nightly;
            cacheMountPolicy = r.cacheMountPolicy;
            node = r.node;
            backend = r.backend;
            status = r.status;
            exitCode = r.exitCode;
            contextBytes = r.contextBytes;
            dockerignore = r.dockerignore;
            gitCommit = r.gitCommit;
            warnings = r.warnings;
            error = r.error;
            dockerfileDigest = r.dockerfileDigest;
            budgetMillis = r.budgetMillis;
            pushed = r.pushed;
        }

        public Builder tags(List<String> v) { tags = v; return this; }
        public Builder imageId(String v) { imageId = v; return this; }
        public Builder digest(String v) { digest = v; return this; }
        public Builder start(Instant v) { start = v; return this; }
        public Builder durationMillis(long v) { durationMillis = v; return this; }
        public Builder steps(List<StepRecord> v) { steps = v; return this; }
        public Builder stepsCached(int v) { stepsCached = v; return this; }
        public Builder stepsTotal(int v) { stepsTotal = v; return this; }
        public Builder kind(BuildKind v) { kind = v; return this; }
        public Builder nightly(boolean v) { nightly = v; return this; }
        public Builder cacheMountPolicy(CacheMountPolicy v) { cacheMountPolicy = v; return this; }
        public Builder node(String v) { node = v; return this; }
        public Builder backend(String v) { backend = v; return this; }
        public Builder status(BuildStatus v) { status = v; return this; }
        public Builder exitCode(int v) { exitCode = v; return this; }
        public Builder contextBytes(long v) { contextBytes = v; return this; }
        public Builder dockerignore(boolean v) { dockerignore = v; return this; }
        public Builder gitCommit(String v) { gitCommit = v; return this; }
        public Builder warnings(List<String> v) { warnings = v; return this; }
        public Builder error(String v) { error = v; return this; }
        public Builder dockerfileDigest(String v) { dockerfileDigest = v; return this; }
        public Builder budgetMillis(Long v) { budgetMillis = v; return this; }
        public Builder pushed(List<String> v) { pushed = v; return this; }

        /** Adds a warning to those already set. */
        public Builder warning(String w) {
            List<String> all = new java.util.ArrayList<>(warnings);
            all.add(w);
            warnings = all;
            return this;
        }

        public BuildRecord build() {
            return new BuildRecord(schema, id, runId, service, tags, imageId, digest, start, durationMillis, steps,
                    stepsCached, stepsTotal, kind, nightly, cacheMountPolicy, node, backend, status, exitCode,
                    contextBytes, dockerignore, gitCommit, warnings, error, dockerfileDigest, budgetMillis, pushed);
        }
    }
}
