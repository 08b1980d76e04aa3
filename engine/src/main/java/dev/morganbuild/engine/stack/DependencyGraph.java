package dev.morganbuild.engine.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code depends_on} graph of all services: cycle check, and dependencies among buildable services. */
final class DependencyGraph {
    private final ComposeYaml y;
    private final Map<String, List<ComposeValues.Value>> deps;

    /** @param deps every service (file order) to its depends_on entries, names already checked */
    DependencyGraph(ComposeYaml y, Map<String, List<ComposeValues.Value>> deps) {
        this.y = y;
        this.deps = deps;
    }

    /** Fails on the first cycle, naming it ({@code a -> b -> a}) at the entry that closes it. */
    void checkAcyclic() {
        Map<String, Integer> state = new HashMap<>(); // absent: new, 1: on the current path, 2: done
        for (String s : deps.keySet()) {
            visit(s, state, new ArrayList<>());
        }
    }

    private void visit(String s, Map<String, Integer> state, List<String> path) {
        if (state.getOrDefault(s, 0) == 2) {
            return;
        }
        state.put(s, 1);
        path.add(s);
        for (ComposeValues.Value d : deps.getOrDefault(s, List.of())) {
            if (state.getOrDefault(d.text(), 0) == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(d.text()), path.size()));
                cycle.add(d.text());
                throw y.error(d.node(), "depends_on cycle: " + String.join(" -> ", cycle),
                        "remove one of these depends_on entries so the services can be ordered");
            }
            visit(d.text(), state, path);
        }
        path.remove(path.size() - 1);
        state.put(s, 2);
    }

    /**
     * The buildable services {@code service} depends on, in file order; a dependency without a
     * build section is looked through to the buildable services it depends on.
     */
    List<String> buildableDependencies(String service, Set<String> buildable) {
        Set<String> out = new LinkedHashSet<>();
        collect(service, buildable, out, new LinkedHashSet<>());
        return List.copyOf(out);
    }

    private void collect(String s, Set<String> buildable, Set<String> out, Set<String> seen) {
        for (ComposeValues.Value d : deps.getOrDefault(s, List.of())) {
            if (buildable.contains(d.text())) {
                out.add(d.text());
            } else if (seen.add(d.text())) {
                collect(d.text(), buildable, out, seen);
            }
        }
    }
}
