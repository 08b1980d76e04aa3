package dev.morganbuild.engine.stack;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Compose v2's profiles: a service without {@code profiles} is always active, one with profiles only
 * when one of them is active ({@code --profile}, else COMPOSE_PROFILES, whose unset or empty value
 * activates the profile named ""; {@code *} activates all).
 */
final class Profiles {
    private final ComposeYaml y;
    private final Set<String> active;

    Profiles(ComposeYaml y, List<String> active) {
        this.y = y;
        this.active = Set.copyOf(active);
    }

    /** The services of {@code names} that no active profile enables. */
    Set<String> inactive(Map<String, MappingNode> services, List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            List<String> profiles = of(services.get(name), "services." + name + ".profiles");
            if (!profiles.isEmpty() && !active.contains("*") && profiles.stream().noneMatch(active::contains)) {
                out.add(name);
            }
        }
        return out;
    }

    /** The profiles a service lists. */
    List<String> of(MappingNode svc, String at) {
        Node n = y.get(svc, "profiles");
        if (ComposeYaml.isNull(n)) {
            return List.of();
        }
        return ComposeValues.strings(y, n, at).stream().map(ComposeValues.Value::text).toList();
    }
}
