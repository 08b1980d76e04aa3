package dev.morganbuild.engine.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An ordered build plan for a selection of a stack's services.
 *
 * @param composeFile the compose file it was made from
 * @param selection   what was asked for
 * @param services    planned services in a valid build order
 */
public record Plan(Path composeFile, Selection selection, List<PlannedService> services) {
    public Plan {
        services = List.copyOf(services);
    }

    public Optional<PlannedService> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public int waves() {
        return services.stream().mapToInt(PlannedService::wave).max().orElse(-1) + 1;
    }
}
