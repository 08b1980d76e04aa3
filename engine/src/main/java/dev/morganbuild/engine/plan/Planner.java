package dev.morganbuild.engine.plan;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.record.CacheMountPolicy;
import dev.morganbuild.engine.stack.Service;
import dev.morganbuild.engine.stack.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a stack and a selection into an ordered {@link Plan}.
 *
 * <p>Order respects {@code depends_on} between selected services, {@code service:} additional
 * contexts (the service named is built first, and added to any selection, as {@code docker compose
 * build} does), and shared base stages: when two
 * services' Dockerfiles start with the same base (same resolved FROM and the same steps before the
 * first COPY), the first builds alone and the others follow, so they find its layers in the cache
 * instead of building the same base in parallel.
 */
public final class Planner {
    private final Function<Service, Optional<String>> baseFingerprint;

    /** @param baseFingerprint the shared-base fingerprint of a service's target, empty when unknown */
    Planner(Function<Service, Optional<String>> baseFingerprint) {
        this.baseFingerprint = baseFingerprint;
    }

    /** A planner that reads each service's Dockerfile to find shared base stages. */
    public static Planner standard() {
        return new Planner(SharedBase::fingerprint);
    }

    public Plan plan(Stack stack, Selection selection, PlanOptions options) {
        List<Service> chosen = withContextServices(stack, select(stack, selection));
        Set<String> names = new LinkedHashSet<>();
        chosen.forEach(s -> names.add(s.name()));

        Map<String, List<String>> after = new LinkedHashMap<>();
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        for (Service s : chosen) {
            after.put(s.name(), new ArrayList<>());
            reasons.put(s.name(), new ArrayList<>());
            for (String dep : s.dependsOn()) {
                if (names.contains(dep)) {
                    after.get(s.name()).add(dep);
                    reasons.get(s.name()).add(reason(s, dep));
                }
            }
        }
        List<Service> ordered = topologicalOrder(chosen, after, stack);
        addSharedBaseEdges(ordered, after, reasons);
        ordered = topologicalOrder(chosen, after, stack);

        Map<String, Integer> waves = new LinkedHashMap<>();
        List<PlannedService> planned = new ArrayList<>();
        for (Service s : ordered) {
            int wave = after.get(s.name()).stream().mapToInt(waves::get).max().orElse(-1) + 1;
            waves.put(s.name(), wave);
            planned.add(plannedService(s, planned.size(), wave, after.get(s.name()), reasons.get(s.name()), options));
        }
        return new Plan(stack.composeFile(), selection, planned);
    }

    private static List<Service> select(Stack stack, Selection selection) {
        if (selection.kind() != Selection.Kind.NAMED) {
            // a service whose GPU need is unknown (it cannot be read) might be selected: all problems at once
            stack.requireActiveBuildable();
        }
        List<Service> active = stack.services().values().stream().filter(s -> stack.active(s.name())).toList();
        return switch (selection.kind()) {
            case ALL -> active;
            case CPU -> active.stream().filter(s -> !s.gpu().required()).toList();
            case CUDA -> active.stream().filter(s -> s.gpu().required()).toList();
            case NAMED -> {
                // Keep file order, whatever order the names were given in; a named service needs no active profile.
                Set<String> wanted = new LinkedHashSet<>(selection.names());
                stack.requireBuildable(wanted); // unknown and broken names are user errors, all at once
                yield stack.services().values().stream().filter(s -> wanted.contains(s.name())).toList();
            }
        };
    }

    /**
     * {@code chosen} with the services its {@code service:} additional contexts name, transitively and
     * whatever their profiles, in file order: their images are inputs of the build.
     */
    private static List<Service> withContextServices(Stack stack, List<Service> chosen) {
        Set<String> names = new LinkedHashSet<>();
        chosen.forEach(s -> names.add(s.name()));
        java.util.Deque<Service> todo = new java.util.ArrayDeque<>(chosen);
        while (!todo.isEmpty()) {
            for (String n : todo.pop().build().contextServices()) {
                if (names.add(n)) {
                    stack.requireBuildable(List.of(n));
                    todo.add(stack.services().get(n));
                }
            }
        }
        return names.size() == chosen.size() ? chosen
                : stack.services().values().stream().filter(s -> names.contains(s.name())).toList();
    }

    private static String reason(Service s, String dep) {
        return s.build().additionalContexts().entrySet().stream()
                .filter(e -> e.getValue().equals(dev.morganbuild.engine.stack.BuildSpec.SERVICE_CONTEXT + dep)).findFirst()
                .map(e -> "additional context " + e.getKey() + " is its image").orElse("depends_on " + dep);
    }

    /** The first service of each shared-base group builds first; the others wait for it. */
    private void addSharedBaseEdges(List<Service> ordered, Map<String, List<String>> after,
                                    Map<String, List<String>> reasons) {
        Map<String, String> leaderByBase = new LinkedHashMap<>();
        for (Service s : ordered) {
            Optional<String> base = baseFingerprint.apply(s);
            if (base.isEmpty()) {
                continue;
            }
            String leader = leaderByBase.putIfAbsent(base.get(), s.name());
            if (leader != null && !after.get(s.name()).contains(leader)) {
                after.get(s.name()).add(leader);
                reasons.get(s.name()).add("shares its base stage with " + leader);
            }
        }
    }

    /** Kahn's algorithm, taking ready services in compose-file order so plans are stable. */
    private static List<Service> topologicalOrder(List<Service> chosen, Map<String, List<String>> after, Stack stack) {
        List<Service> result = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        List<Service> pending = new ArrayList<>(chosen);
        while (!pending.isEmpty()) {
            int ready = 0;
            while (ready < pending.size() && !done.containsAll(after.get(pending.get(ready).name()))) {
                ready++;
            }
            if (ready == pending.size()) {
                throw new MorganException(stack.composeFile().toString(), 0, 0,
                        "depends_on and service: additional contexts form a cycle among "
                                + pending.stream().map(Service::name).toList(),
                        "remove one of the depends_on or additional_contexts entries so the services can be ordered");
            }
            // by position: remove(Object) would compare records with equals(), whose first call in a JVM
            // builds method handles for every component of Service and the records in it (tens of ms)
            Service next = pending.remove(ready);
            done.add(next.name());
            result.add(next);
        }
        return result;
    }

    private static PlannedService plannedService(Service s, int order, int wave, List<String> after,
                                                 List<String> reasons, PlanOptions o) {
        boolean gpu = s.gpu().required();
        String label = NodeLabels.labelFor(s, o.defaultGpuLabel(), o.defaultCpuLabel());
        boolean noCache = o.noCache() || o.nightly();
        CacheMountPolicy mounts = null;
        if (noCache) {
            mounts = o.mountPolicy() != null ? o.mountPolicy()
                    : s.settings().nightlyMounts() != null ? s.settings().nightlyMounts() : CacheMountPolicy.KEEP;
        }
        return new PlannedService(s, order, wave, gpu, s.gpu().reason(), label,
                o.cacheRoot().resolve("services").resolve(s.name()), noCache, o.nightly(), mounts, after, reasons);
    }
}
