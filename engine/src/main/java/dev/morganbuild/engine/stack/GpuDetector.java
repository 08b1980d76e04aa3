package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.dockerfile.ImageReference;
import dev.morganbuild.engine.dockerfile.DockerfileInfo;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Decides whether a service needs a GPU node. In order: {@code x-morgan.gpu} forces it; a device
 * reservation with the {@code gpu} capability, {@code gpus:}, or {@code runtime: nvidia} ask for
 * one; a CUDA base image (following {@code FROM <stage>} back to an image) implies one.
 */
final class GpuDetector {
    private final ComposeYaml y;

    GpuDetector(ComposeYaml y) {
        this.y = y;
    }

    /**
     * @param dockerfileName how to name the Dockerfile in the reason (e.g. project-relative)
     */
    GpuRequirement detect(String service, MappingNode svc, Boolean forced, DockerfileInfo dockerfile, String target,
                          String dockerfileName) {
        if (forced != null) {
            return new GpuRequirement(forced, "x-morgan.gpu: " + forced + " (set in the compose file"
                    + (forced ? ")" : "; GPU detection skipped)"));
        }
        String at = "services." + service;
        if (requestsGpuDevice(svc, at)) {
            return new GpuRequirement(true, "deploy.resources.reservations.devices requests a gpu");
        }
        if (y.get(svc, "gpus") != null) {
            return new GpuRequirement(true, "gpus: " + y.string(y.get(svc, "gpus"), at + ".gpus"));
        }
        Node runtime = y.get(svc, "runtime");
        if (runtime != null && y.string(runtime, at + ".runtime").strip().equalsIgnoreCase("nvidia")) {
            return new GpuRequirement(true, "runtime: nvidia");
        }
        DockerfileInfo.Stage root = dockerfile.chain(target).get(0);
        if (ImageReference.isCuda(root.from())) {
            return new GpuRequirement(true, "base image " + root.from() + " is a CUDA image (FROM on line "
                    + root.line() + " of " + dockerfileName + ")");
        }
        return new GpuRequirement(false, "no GPU use found (no gpu device reservation, no nvidia runtime, base image "
                + root.from() + ")");
    }

    private boolean requestsGpuDevice(MappingNode svc, String at) {
        Node node = svc;
        String path = at;
        for (String key : List.of("deploy", "resources", "reservations", "devices")) {
            if (ComposeYaml.isNull(node)) {
                return false;
            }
            MappingNode m = y.mapping(node, path, "see the compose specification for deploy.resources.reservations");
            node = y.get(m, key);
            path = path + "." + key;
            if (node == null) {
                return false;
            }
        }
        if (!(node instanceof SequenceNode devices)) {
            throw y.error(node, path + " must be a list, got " + ComposeYaml.kind(node),
                    "write devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]");
        }
        for (Node device : devices.getValue()) {
            MappingNode d = y.mapping(device, path + " entry", "write {capabilities: [gpu]}");
            Node caps = y.get(d, "capabilities");
            if (caps != null && ComposeValues.strings(y, caps, path + ".capabilities").stream()
                    .anyMatch(v -> v.text().strip().toLowerCase(Locale.ROOT).equals("gpu"))) {
                return true;
            }
        }
        return false;
    }
}
