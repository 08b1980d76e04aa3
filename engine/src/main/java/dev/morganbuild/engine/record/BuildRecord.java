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
 */
public record BuildRecord(int schema, String id, String runId, String service, List<String> tags,
                          String imageId, String digest, Instant start, long durationMillis,
                          List<StepRecord> steps, int stepsCached, int stepsTotal, BuildKind kind,
                          boolean nightly, CacheMountPolicy cacheMountPolicy, String node, String backend,
                          BuildStatus status, int exitCode, long contextBytes, boolean dockerignore,
                          String gitCommit, List<String> warnings, String error) {

    public static final int SCHEMA = 1;

    public BuildRecord {
        tags = tags == null ? List.of() : List.copyOf(tags);
        steps = steps == null ? List.of() : List.copyOf(steps);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Fraction of build steps served from cache, 0..1; 0 when there were none. */
    public double cacheHitRatio() {
        return stepsTotal == 0 ? 0 : (double) stepsCached / stepsTotal;
    }

    public boolean succeeded() {
        return status == BuildStatus.SUCCESS;
    }
}
