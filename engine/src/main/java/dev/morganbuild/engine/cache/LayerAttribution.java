package dev.morganbuild.engine.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which services use which layers, best effort. A layer record that ends a chain (no child) belongs
 * to the services whose recent builds (from the history) created or last used it; when builds ran at
 * once, the one whose RUN step has the layer's command wins. A layer with children is used by every
 * service that uses one of its children (an image holds its whole chain). Layers no recent build
 * explains are unattributed.
 */
public final class LayerAttribution {
    private static final String EXEC = "mount / from exec /bin/sh -c ";

    private LayerAttribution() {
    }

    /** Per service: the layers its recent builds use, and how many bytes only it uses. */
    public record ServiceLayers(String service, int records, long sizeBytes, long onlyThisServiceBytes) {
    }

    /** The result: per service, sorted by name, and the bytes of layers no build explains. */
    public record Result(List<ServiceLayers> services, long unattributedBytes, int unattributedRecords) {
        public Result {
            services = List.copyOf(services);
        }
    }

    static Result of(List<BuildCacheRecord> records, List<BuildWindow> builds) {
        Map<String, BuildCacheRecord> layers = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        for (BuildCacheRecord r : records) {
            if (r.type().equals(BuildCacheRecord.LAYER)) {
                layers.put(r.id(), r);
            }
        }
        for (BuildCacheRecord r : layers.values()) {
            if (r.parent() != null && layers.containsKey(r.parent())) {
                children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r.id());
            }
        }
        Map<String, Set<String>> memo = new HashMap<>();
        Map<String, long[]> perService = new TreeMap<>();
        long unattributed = 0;
        int unattributedRecords = 0;
        for (BuildCacheRecord r : layers.values()) {
            Set<String> users = users(r.id(), layers, children, builds, memo, new HashSet<>());
            if (users.isEmpty()) {
                unattributed += r.sizeBytes();
                unattributedRecords++;
            }
            for (String s : users) {
                long[] acc = perService.computeIfAbsent(s, k -> new long[3]);
                acc[0]++;
                acc[1] += r.sizeBytes();
                acc[2] += users.size() == 1 ? r.sizeBytes() : 0;
            }
        }
        List<ServiceLayers> out = new ArrayList<>();
        perService.forEach((s, a) -> out.add(new ServiceLayers(s, (int) a[0], a[1], a[2])));
        return new Result(out, unattributed, unattributedRecords);
    }

    private static Set<String> users(String id, Map<String, BuildCacheRecord> layers, Map<String, List<String>> children,
                                     List<BuildWindow> builds, Map<String, Set<String>> memo, Set<String> visiting) {
        Set<String> known = memo.get(id);
        if (known != null) {
            return known;
        }
        if (!visiting.add(id)) {
            return Set.of(); // a cycle: docker never makes one, but a damaged answer must not loop
        }
        Set<String> users = new TreeSet<>();
        for (String child : children.getOrDefault(id, List.of())) {
            users.addAll(users(child, layers, children, builds, memo, visiting));
        }
        if (users.isEmpty()) {
            users.addAll(direct(layers.get(id), builds));
        }
        memo.put(id, users);
        return users;
    }

    /** The services whose build windows hold the record's creation or last use, narrowed by its command. */
    static Set<String> direct(BuildCacheRecord r, List<BuildWindow> builds) {
        Set<String> byTime = new TreeSet<>();
        Set<String> byCommand = new TreeSet<>();
        String command = r.description().startsWith(EXEC)
                ? CacheMountSpec.collapse(r.description().substring(EXEC.length())) : "";
        for (BuildWindow b : builds) {
            if (b.contains(r.createdAt()) || b.contains(r.lastUsedAt())) {
                byTime.add(b.service());
                if (b.ran(command)) {
                    byCommand.add(b.service());
                }
            }
        }
        return byCommand.isEmpty() ? byTime : byCommand;
    }
}
