package dev.morganbuild.engine.plan;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.dockerfile.BaseFingerprint;
import dev.morganbuild.engine.dockerfile.DockerfileInfo;
import dev.morganbuild.engine.stack.Service;
import java.util.Optional;

/**
 * The shared-base fingerprint of a service: services whose Dockerfiles begin with the same base
 * (same resolved FROM, same steps before the first one that reads the build context, at least one
 * RUN among them) produce the same layers, so the planner builds one of them first.
 */
final class SharedBase {
    private SharedBase() {
    }

    static Optional<String> fingerprint(Service service) {
        if (service.build().dockerfile() == null) {
            return Optional.empty(); // in a remote context, not read
        }
        try {
            DockerfileInfo info = DockerfileInfo.parse(service.build().dockerfile(), service.build().args());
            String target = service.build().target();
            boolean hasWork = BaseFingerprint.baseStage(info, target)
                    .map(stage -> info.chain(target).stream()
                            .takeWhile(s -> s != stage).mapToLong(s -> runs(s)).sum() + runs(stage) > 0)
                    .orElse(false);
            return hasWork ? Optional.of(BaseFingerprint.of(info, target)) : Optional.empty();
        } catch (MorganException e) {
            // The parser already validated the Dockerfile; a base we cannot read simply is not shared.
            return Optional.empty();
        }
    }

    private static long runs(DockerfileInfo.Stage stage) {
        return stage.instructions().stream().filter(i -> i.keyword().equalsIgnoreCase("RUN")).count();
    }
}
