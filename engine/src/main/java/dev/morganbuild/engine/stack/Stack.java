package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed and validated compose stack: the services that have a {@code build:} section, in file
 * order, and the top-level {@code x-morgan} defaults.
 *
 * @param composeFile absolute path of the compose file
 * @param projectDir  the repository / project root all paths must stay inside
 * @param services    buildable services by name, in file order
 * @param defaults    top-level {@code x-morgan}
 */
public record Stack(Path composeFile, Path projectDir, Map<String, Service> services, MorganSettings defaults) {
    public Stack {
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
        defaults = defaults == null ? MorganSettings.EMPTY : defaults;
    }

    /** The named service, or a user error listing the known ones. */
    public Service service(String name) {
        Service s = services.get(name);
        if (s == null) {
            throw new MorganException(composeFile.toString(), 0, 0,
                    "unknown service '" + name + "'",
                    "buildable services are: " + String.join(", ", services.keySet()));
        }
        return s;
    }

    public List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }
}
