package dev.morganbuild.engine.job;

import java.util.List;
import java.util.Map;

/**
 * Everything a front end (the Jenkins step) passes to build services of a checkout, as plain
 * strings and numbers so it can travel to an agent. Null means "default" for every optional field.
 *
 * @param workspace        absolute path of the checkout on the machine that builds
 * @param composeFile      compose file, relative to the workspace (default docker-compose.yml)
 * @param selection        "all", "cpu", "cuda", or comma-separated service names
 * @param noCache          ignore the layer cache
 * @param nightly          nightly build (no layer cache; recorded as nightly)
 * @param cacheMounts      "keep" or "drop" for no-cache builds, or null for x-morgan / keep
 * @param target           stage to build instead of the compose target
 * @param buildArgs        extra build args
 * @param tags             extra tags
 * @param cacheRoot        per-machine cache root, or null for $MORGAN_CACHE_ROOT / ~/.cache/morgan-build
 * @param budgetBytes      cache byte budget, or null for x-morgan's
 * @param dockerExecutable docker client, or null to find one
 * @param backend          "buildx", "builtin", or null to detect
 * @param builder          buildx builder name
 * @param network          network for RUN steps when compose names none, or null to detect
 * @param gpuLabel         label for GPU services (global configuration)
 * @param cpuLabel         label for the others
 * @param node             node name recorded in the records
 * @param runId            id shared by the records of this step
 * @param smokeTest        run x-morgan smoke tests
 * @param parallelism      services built at once
 * @param env              environment for docker (e.g. DOCKER_HOST from the node)
 */
public record ServiceJobRequest(String workspace, String composeFile, String selection, boolean noCache, boolean nightly,
                                String cacheMounts, String target, Map<String, String> buildArgs, List<String> tags,
                                String cacheRoot, Long budgetBytes, String dockerExecutable, String backend,
                                String builder, String network, String gpuLabel, String cpuLabel, String node,
                                String runId, boolean smokeTest, int parallelism, Map<String, String> env) {
    public ServiceJobRequest {
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        tags = tags == null ? List.of() : List.copyOf(tags);
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
