package dev.morganbuild.engine.job;

import dev.morganbuild.engine.buildkit.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run builds on this machine (the CLI's flags, or the Jenkins global configuration and
 * step parameters).
 *
 * @param dockerExecutable docker client to run
 * @param backend          BUILDX or BUILTIN, or null to choose from what the host offers
 * @param builderName      buildx builder name (buildx back end)
 * @param env              environment for docker (e.g. DOCKER_HOST); added to the inherited one
 * @param network          network for builds whose compose file names none; null = detect
 *                         (host when the engine has no bridge network)
 * @param parallelism      services built at once
 * @param cacheBudgetBytes byte budget for the cache root, or null for the x-morgan value / none
 * @param node             name of this machine or Jenkins node, recorded in each build
 * @param runId            id shared by the records of one invocation
 * @param extraBuildArgs   build args added to every service's (step parameter {@code buildArgs})
 * @param extraTags        tags added to every service's
 * @param targetOverride   stage to build instead of the compose target, or null
 * @param smokeTest        run the x-morgan smoke test after a successful build
 * @param workDir          scratch directory for iid files and generated Dockerfiles
 * @param progress         "plain" (default, every back end) or "rawjson" (buildx 0.13+)
 */
public record BuildSettings(String dockerExecutable, Backend backend, String builderName, Map<String, String> env,
                            String network, int parallelism, Long cacheBudgetBytes, String node, String runId,
                            Map<String, String> extraBuildArgs, List<String> extraTags, String targetOverride,
                            boolean smokeTest, Path workDir, String progress) {
    public BuildSettings {
        env = Map.copyOf(env == null ? Map.of() : env);
        extraBuildArgs = extraBuildArgs == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraBuildArgs));
        extraTags = List.copyOf(extraTags == null ? List.of() : extraTags);
        parallelism = Math.max(1, parallelism);
        progress = progress == null || progress.isBlank() ? "plain" : progress;
    }
}
