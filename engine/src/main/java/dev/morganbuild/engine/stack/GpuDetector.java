package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.dockerfile.CudaImage;
import dev.morganbuild.engine.dockerfile.DockerfileInfo;
import dev.morganbuild.engine.stack.GpuRequirement.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Decides whether a service needs a GPU node. In order: {@code x-morgan.gpu} forces it; a device
 * reservation Docker hands to the NVIDIA driver ({@link DeviceReservations}), {@code gpus:}, or
 * {@code runtime: nvidia} ask for one; a CUDA base image (following {@code FROM <stage>} back to an
 * image, ARGs and platform ARGs resolved) or one matching {@code x-morgan.gpu-images} implies one.
 * Device reservations are checked even when {@code x-morgan.gpu} is set, as Compose checks them.
 */
final class GpuDetector {
    private static final String IMAGE_CONTEXT = "docker-image://";
    private final ComposeYaml y;

    GpuDetector(ComposeYaml y) {
        this.y = y;
    }

    /**
     * @param settings       the service's x-morgan settings merged over the top-level ones
     * @param dockerfile     the Dockerfile read, or null when it is inside a remote context
     * @param dockerfileName how to name the Dockerfile in the reason (e.g. project-relative), or the
     *                       remote context's URL
     */
    GpuRequirement detect(String service, MappingNode svc, MorganSettings settings, DockerfileInfo dockerfile,
                          String target, String dockerfileName, Map<String, String> contexts) {
        String at = "services." + service;
        Optional<String> reservation = new DeviceReservations(y).gpuRequest(svc, at);
        Boolean forced = settings.gpu();
        if (forced != null) {
            return new GpuRequirement(forced, "x-morgan.gpu: " + forced + " (set in the compose file"
                    + (forced ? ")" : "; GPU detection skipped)"), Rule.FORCED);
        }
        if (reservation.isPresent()) {
            return new GpuRequirement(true, reservation.get(), Rule.DEVICE_RESERVATION);
        }
        ComposeYaml.Entry gpus = y.find(svc, "gpus");
        if (gpus != null && !ComposeYaml.isNull(gpus.value())) {
            return new GpuRequirement(true, "gpus: " + gpusText(gpus.value(), at) + " (line "
                    + ComposeYaml.line(gpus.keyNode()) + ")", Rule.GPUS);
        }
        ComposeYaml.Entry runtime = y.find(svc, "runtime");
        if (runtime != null && !ComposeYaml.isNull(runtime.value())
                && y.string(runtime.value(), at + ".runtime").strip().equalsIgnoreCase("nvidia")) {
            return new GpuRequirement(true, "runtime: nvidia (line " + ComposeYaml.line(runtime.keyNode()) + ")",
                    Rule.RUNTIME);
        }
        if (dockerfile == null) {
            return new GpuRequirement(false, "no GPU use found in the compose file (no gpu device reservation, gpus or "
                    + "nvidia runtime); the Dockerfile is in the remote context " + dockerfileName + ", which BuildKit "
                    + "fetches, so its base image is not known here: set x-morgan.gpu: true if it needs a GPU", Rule.NONE);
        }
        return baseImage(dockerfile, target, dockerfileName, settings.gpuImages(), contexts);
    }

    private GpuRequirement baseImage(DockerfileInfo dockerfile, String target, String dockerfileName,
                                     List<String> patterns, Map<String, String> contexts) {
        List<DockerfileInfo.Stage> chain = dockerfile.chain(target);
        DockerfileInfo.Stage root = chain.get(0);
        String image = root.from();
        String where = "FROM line " + root.line() + " of " + dockerfileName + platformArgs(chain);
        String named = contexts.get(image);
        if (named != null && named.startsWith(IMAGE_CONTEXT)) { // FROM <name> of an image context is that image
            where = "additional context " + image + ", " + where;
            image = named.substring(IMAGE_CONTEXT.length());
        }
        Optional<String> cuda = CudaImage.rule(image);
        if (cuda.isPresent()) {
            return new GpuRequirement(true, "base image " + image + ": " + cuda.get() + " (" + where + ")",
                    Rule.CUDA_IMAGE);
        }
        for (String p : patterns == null ? List.<String>of() : patterns) {
            if (CudaImage.matches(p, image)) {
                return new GpuRequirement(true, "base image " + image + ": x-morgan.gpu-images pattern " + p
                        + " (" + where + ")", Rule.GPU_IMAGE_PATTERN);
            }
        }
        return new GpuRequirement(false, "no GPU use found (no gpu device reservation, gpus or nvidia runtime; "
                + "base image " + image + " is not a CUDA image, " + where + ")", Rule.NONE);
    }

    /** ", TARGETARCH=amd64" for the platform ARGs the chain's FROM lines used, or "". */
    private static String platformArgs(List<DockerfileInfo.Stage> chain) {
        Map<String, String> used = new LinkedHashMap<>();
        chain.forEach(s -> used.putAll(s.platformArgs()));
        return used.isEmpty() ? "" : ", " + used.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** {@code gpus: all} as "all"; the long form as "N device request(s)"; the compose specification allows no other. */
    private String gpusText(Node gpus, String at) {
        if (gpus instanceof SequenceNode seq) {
            for (Node entry : seq.getValue()) {
                y.mapping(entry, at + ".gpus entry", "write gpus: all, or gpus: [{driver: nvidia, count: 1}]");
            }
            return seq.getValue().size() + " device request" + (seq.getValue().size() == 1 ? "" : "s");
        }
        String text = y.string(gpus, at + ".gpus").strip();
        if (!text.equals("all")) {
            throw y.error(gpus, at + ".gpus must be all or a list of device requests, got '" + text + "'",
                    "write gpus: all, or gpus: [{driver: nvidia, count: " + text + "}] for a number of GPUs");
        }
        return text;
    }
}
