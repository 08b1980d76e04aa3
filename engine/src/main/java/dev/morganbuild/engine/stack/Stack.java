package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed and validated compose stack: the services that have a {@code build:} section, in file
 * order, and the top-level {@code x-morgan} defaults. A service whose build section cannot be used
 * is not in {@code services} but in {@code problems}: it refuses a plan only when it is selected.
 *
 * @param composeFile absolute path of the (first) compose file
 * @param projectDir  the trust root all build inputs must stay inside
 * @param services    buildable services by name, in file order
 * @param defaults    top-level {@code x-morgan}
 * @param inactive    buildable services none of whose {@code profiles} is active (built only when named)
 * @param problems    services with a build section that cannot be built, with why, in file order
 */
public record Stack(Path composeFile, Path projectDir, Map<String, Service> services, MorganSettings defaults,
                    Set<String> inactive, Map<String, MorganException> problems) {
    public Stack {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        defaults = defaults == null ? MorganSettings.EMPTY : defaults;
        inactive = Set.copyOf(inactive == null ? Set.of() : inactive);
        problems = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(problems == null ? Map.of() : problems));
    }

    /** A stack whose services are all active and valid. */
    public Stack(Path composeFile, Path projectDir, Map<String, Service> services, MorganSettings defaults) {
        this(composeFile, projectDir, services, defaults, Set.of(), Map.of());
    }

    /** The named service, or a user error saying why it cannot be built or listing the known ones. */
    public Service service(String name) {
        requireBuildable(List.of(name));
        return services.get(name);
    }

    public List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }

    /** Whether {@code name} is built by a selection of all (its profiles allow it). */
    public boolean active(String name) {
        return !inactive.contains(name);
    }

    /**
     * Throws one error naming every problem of {@code names}: unknown services and services that
     * cannot be built.
     */
    public void requireBuildable(Collection<String> names) {
        List<MorganException> found = new ArrayList<>();
        for (String n : names) {
            if (problems.containsKey(n)) {
                found.add(problems.get(n));
            } else if (!services.containsKey(n)) {
                List<String> known = new ArrayList<>(services.keySet());
                known.addAll(problems.keySet());
                found.add(new MorganException(composeFile.toString(), 0, 0, "unknown service '" + n + "'",
                        "buildable services are: " + String.join(", ", known)));
            }
        }
        if (!found.isEmpty()) {
            throw ServiceProblems.of(found);
        }
    }

    /** The active services' problems, thrown together (before a plan of all, cpu or cuda). */
    public void requireActiveBuildable() {
        requireBuildable(problems.keySet().stream().filter(this::active).toList());
    }
}
