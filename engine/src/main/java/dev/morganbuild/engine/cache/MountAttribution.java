package dev.morganbuild.engine.cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's cache-mount records, grouped by mount: the record names its target and the command
 * that made it; the build steps in the history give the mount's id and the services that mount it.
 */
final class MountAttribution {
    /** BuildKit 0.8: {@code cached mount <target> from exec <cmd>}; later: {@code cached mount <target> from <name>}. */
    private static final Pattern DESCRIPTION = Pattern.compile("^cached mount (\\S+) from (?:exec /bin/sh -c )?(.*)$",
            Pattern.DOTALL);

    private MountAttribution() {
    }

    static List<CacheMountUsage> of(List<BuildCacheRecord> records, List<BuildWindow> builds) {
        Map<String, List<CacheMountSpec>> specsByTarget = new LinkedHashMap<>();
        Map<CacheMountSpec, Set<String>> servicesBySpec = new LinkedHashMap<>();
        for (BuildWindow b : builds) {
            for (String step : b.steps()) {
                for (CacheMountSpec s : CacheMountSpec.ofStep(step)) {
                    specsByTarget.computeIfAbsent(s.target(), k -> new ArrayList<>()).add(s);
                    servicesBySpec.computeIfAbsent(s, k -> new TreeSet<>()).add(b.service());
                }
            }
        }
        Map<String, Acc> byMount = new LinkedHashMap<>();
        for (BuildCacheRecord r : records) {
            if (!r.type().equals(BuildCacheRecord.CACHE_MOUNT)) {
                continue;
            }
            Matcher m = DESCRIPTION.matcher(r.description());
            String target = m.matches() ? m.group(1) : "?";
            String command = m.matches() ? CacheMountSpec.collapse(m.group(2)) : "";
            String id = idOf(target, command, specsByTarget.getOrDefault(target, List.of()));
            Acc a = byMount.computeIfAbsent(id + "\u0000" + target, k -> new Acc(id, target));
            a.size += r.sizeBytes();
            a.inUse |= r.inUse();
            a.recordIds.add(r.id());
            servicesBySpec.forEach((spec, services) -> {
                if (spec.id().equals(id) && spec.target().equals(target)) {
                    a.services.addAll(services);
                }
            });
        }
        return byMount.values().stream()
                .map(a -> new CacheMountUsage(a.id, a.target, CacheMountSpec.kind(a.id, a.target), a.size, a.inUse,
                        List.copyOf(a.services), a.recordIds))
                .sorted(Comparator.comparingLong(CacheMountUsage::sizeBytes).reversed().thenComparing(CacheMountUsage::id))
                .toList();
    }

    /** The step whose command made the record names the id; else the one id all steps give the target; else the target. */
    private static String idOf(String target, String command, List<CacheMountSpec> specs) {
        for (CacheMountSpec s : specs) {
            if (!command.isEmpty() && s.command().equals(command)) {
                return s.id();
            }
        }
        Set<String> ids = new TreeSet<>();
        specs.forEach(s -> ids.add(s.id()));
        return ids.size() == 1 ? ids.iterator().next() : target;
    }

    private static final class Acc {
        final String id;
        final String target;
        long size;
        boolean inUse;
        final List<String> recordIds = new ArrayList<>();
        final Set<String> services = new TreeSet<>();

        Acc(String id, String target) {
            this.id = id;
            this.target = target;
        }
    }
}
