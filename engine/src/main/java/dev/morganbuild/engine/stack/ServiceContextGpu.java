package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.dockerfile.BuildPlatform;
import dev.morganbuild.engine.dockerfile.DockerfileInfo;
import dev.morganbuild.engine.stack.GpuRequirement.Rule;
import java.util.List;
import java.util.Map;

/**
 * A service whose target starts {@code FROM <name>}, where {@code <name>} is an additional context
 * {@code service:<other>}, starts from the other service's image: when that image is a CUDA one (the
 * other service is a GPU service by its base image), so is this service's. Decided after every
 * service is read, through chains of such services.
 */
final class ServiceContextGpu {
    private ServiceContextGpu() {
    }

    /** {@code services} (changed in place) with the GPU decisions their service: base images imply. */
    static void apply(Map<String, Service> services, Map<String, String> env) {
        for (int round = 0; round < services.size(); round++) {
            boolean changed = false;
            for (Service s : List.copyOf(services.values())) {
                BuildSpec b = s.build();
                if (s.gpu().rule() != Rule.NONE || b.dockerfile() == null || b.contextServices().isEmpty()) {
                    continue;
                }
                String root = DockerfileInfo.parse(b.dockerfile(), b.args(), BuildPlatform.target(b.platforms(), env))
                        .chain(b.target()).get(0).from();
                String named = b.additionalContexts().get(root);
                Service base = named == null || !named.startsWith(BuildSpec.SERVICE_CONTEXT) ? null
                        : services.get(named.substring(BuildSpec.SERVICE_CONTEXT.length()));
                if (base != null && base.gpu().required()
                        && (base.gpu().rule() == Rule.CUDA_IMAGE || base.gpu().rule() == Rule.GPU_IMAGE_PATTERN)) {
                    GpuRequirement gpu = new GpuRequirement(true, "base image " + root + " is the image of service "
                            + base.name() + " (additional context " + root + ": service:" + base.name() + "), whose "
                            + base.gpu().reason(), base.gpu().rule());
                    services.put(s.name(), new Service(s.name(), b, s.dependsOn(), gpu, s.settings(), s.line()));
                    changed = true;
                }
            }
            if (!changed) {
                return;
            }
        }
    }
}
