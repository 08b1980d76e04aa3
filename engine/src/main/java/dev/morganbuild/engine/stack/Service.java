package dev.morganbuild.engine.stack;

import java.util.List;

/**
 * One compose service that morgan-build can build.
 *
 * @param name      service name
 * @param build     its build section
 * @param dependsOn services it depends on (compose {@code depends_on}, looked through services without a
 *                  build section), in file order, then those its {@code service:} additional contexts name
 * @param gpu       whether it needs a GPU node, and why
 * @param settings  its {@code x-morgan} settings, already merged over the top-level ones
 * @param line      line of the service's key in the compose file (for messages)
 */
public record Service(String name, BuildSpec build, List<String> dependsOn, GpuRequirement gpu,
                      MorganSettings settings, int line) {
    public Service {
        dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
        settings = settings == null ? MorganSettings.EMPTY : settings;
    }
}
