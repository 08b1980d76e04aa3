package dev.morganbuild.engine.job;

import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.buildkit.EngineFacts;
import java.nio.file.Path;
import java.util.Map;

/**
 * One build of a request on this machine: the request, what the engine turned out to be, the
 * environment docker runs with, and a scratch folder for iid files and generated Dockerfiles.
 *
 * @param request   what the front end asked for
 * @param facts     the docker client, back end and network probed for it
 * @param engineKey the {@link dev.morganbuild.engine.buildkit.EngineIdentity} they were probed for
 * @param dockerEnv variables added to docker's environment (the request's, and DOCKER_BUILDKIT=1)
 * @param workDir   scratch folder of this run, deleted afterwards
 */
record BuildRun(StackRequest request, EngineFacts facts, String engineKey, Map<String, String> dockerEnv, Path workDir) {
    BuildRun {
        dockerEnv = Map.copyOf(dockerEnv);
    }

    String docker() {
        return facts.docker();
    }

    Backend backend() {
        return facts.backend();
    }

    String runId() {
        return request.runId();
    }

    String node() {
        return request.node();
    }
}
