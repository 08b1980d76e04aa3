package dev.morganbuild.engine.stack;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code deploy.resources.reservations.devices}: whether an entry asks for an NVIDIA GPU the way
 * Docker hands it to a device driver, and that every entry has the {@code capabilities} the compose
 * specification requires. An entry asks for one with {@code driver: nvidia}; without a driver, when
 * Docker picks the NVIDIA driver for its capabilities (all of them among the NVIDIA driver's:
 * {@code gpu}, {@code nvidia}, {@code compute}, {@code utility}, {@code graphics}, {@code video},
 * {@code display}, {@code compat32}); with {@code driver: cdi}, when a device is {@code nvidia.com/gpu=...};
 * with another driver, when {@code gpu} is among its capabilities.
 */
final class DeviceReservations {
    private static final String HINT = "write devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]";
    /** The capabilities moby registers for its NVIDIA device driver. */
    private static final List<String> NVIDIA_CAPABILITIES = List.of("gpu", "nvidia", "compute", "compat32", "graphics",
            "utility", "video", "display");

    private final ComposeYaml y;

    DeviceReservations(ComposeYaml y) {
        this.y = y;
    }

    /** The reason text of the first GPU request among the service's reserved devices, if any. */
    Optional<String> gpuRequest(MappingNode svc, String at) {
        Node node = svc;
        String path = at;
        for (String key : List.of("deploy", "resources", "reservations", "devices")) {
            if (ComposeYaml.isNull(node)) {
                return Optional.empty();
            }
            MappingNode m = y.mapping(node, path, "see the compose specification for deploy.resources.reservations");
            node = y.get(m, key);
            path = path + "." + key;
            if (node == null) {
                return Optional.empty();
            }
        }
        if (ComposeYaml.isNull(node)) {
            return Optional.empty();
        }
        if (!(node instanceof SequenceNode devices)) {
            throw y.error(node, path + " must be a list, got " + ComposeYaml.kind(node), HINT);
        }
        Optional<String> found = Optional.empty();
        for (Node device : devices.getValue()) {
            Optional<String> request = request(y.mapping(device, path + " entry", HINT), path);
            found = found.isPresent() ? found : request;
        }
        return found;
    }

    private Optional<String> request(MappingNode d, String path) {
        String where = " (line " + ComposeYaml.line(d) + ")";
        ComposeYaml.Entry caps = y.find(d, "capabilities");
        if (caps == null || ComposeYaml.isNull(caps.value())) {
            throw y.error(d, path + " entry has no capabilities; the compose specification requires them",
                    "add capabilities: [gpu] to the entry (for an NVIDIA GPU: driver: nvidia, count: 1, capabilities: [gpu])");
        }
        List<String> capabilities = ComposeValues.strings(y, caps.value(), path + ".capabilities").stream()
                .map(v -> v.text().strip().toLowerCase(Locale.ROOT)).toList();
        Node driver = y.get(d, "driver");
        String driverName = driver == null || ComposeYaml.isNull(driver) ? ""
                : y.string(driver, path + ".driver").strip().toLowerCase(Locale.ROOT);
        String prefix = "deploy.resources.reservations.devices: ";
        if (driverName.equals("nvidia")) {
            return Optional.of(prefix + "driver nvidia" + where);
        }
        if (driverName.equals("cdi")) {
            Node ids = y.get(d, "device_ids");
            return (ids == null || ComposeYaml.isNull(ids) ? List.<ComposeValues.Value>of() : ComposeValues.strings(y, ids, path + ".device_ids"))
                    .stream().map(v -> v.text().strip()).filter(id -> id.startsWith("nvidia.com/gpu")).findFirst()
                    .map(id -> prefix + "driver cdi, device " + id + where);
        }
        if (driverName.isEmpty() && !capabilities.isEmpty() && NVIDIA_CAPABILITIES.containsAll(capabilities)) {
            return Optional.of(prefix + "capabilities " + String.join(", ", capabilities)
                    + (capabilities.equals(List.of("gpu")) ? "" : " (Docker's NVIDIA driver has them)") + where);
        }
        if (!driverName.isEmpty() && capabilities.contains("gpu")) {
            return Optional.of(prefix + "driver " + driverName + ", capabilities gpu" + where);
        }
        return Optional.empty();
    }
}
