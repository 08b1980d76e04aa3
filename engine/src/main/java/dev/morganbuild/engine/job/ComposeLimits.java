package dev.morganbuild.engine.job;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.stack.Stack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a compose file may not make a shared build machine do when it comes from people other than the
 * machine's admin (a branch or a pull request in Jenkins: {@link StackRequest.Builder#limitCompose}).
 * {@code cache_from} / {@code cache_to} of {@code type=local} must lie under the cache root (no reading
 * or writing of other agent paths), and {@code x-morgan.cache.budget}, which prunes the engine's whole
 * build cache, is not taken from the file (the admin's configuration sets budgets).
 */
final class ComposeLimits {
    private ComposeLimits() {
    }

    /** Refuses local cache paths outside {@code cacheRoot}, naming every offending entry. */
    static void check(Plan plan, Path cacheRoot, Path composeFile) {
        Path root = cacheRoot.toAbsolutePath().normalize();
        List<String> bad = new ArrayList<>();
        for (PlannedService s : plan.services()) {
            // docker resolves a relative local cache path from its own folder: the project's for a remote context
            Path base = s.service().build().context() != null ? s.service().build().context() : composeFile.getParent();
            for (String entry : s.service().build().cacheFrom()) {
                localPath(entry, "src", base).filter(p -> !p.startsWith(root))
                        .ifPresent(p -> bad.add(s.name() + ": cache_from " + entry));
            }
            for (String entry : s.service().build().cacheTo()) {
                localPath(entry, "dest", base).filter(p -> !p.startsWith(root))
                        .ifPresent(p -> bad.add(s.name() + ": cache_to " + entry));
            }
        }
        if (!bad.isEmpty()) {
            throw new MorganException(composeFile.toString(), 0, 0, "local build caches outside the cache root " + root
                    + " (" + String.join("; ", bad) + ")", "here a compose file may only use local caches under the "
                    + "cache root; drop those entries (morgan-build keeps a local cache per service there by itself) or "
                    + "use a registry cache (x-morgan.cache.mode: registry)");
        }
    }

    /** The budget in force: the front end's; the compose file's only when it is trusted. */
    static Long budget(StackRequest r, Stack stack, BuildListener listener, String first) {
        if (r.cacheBudgetBytes() != null || !r.limitCompose()) {
            return r.cacheBudgetBytes() != null ? r.cacheBudgetBytes() : stack.defaults().cacheBudgetBytes();
        }
        if (stack.defaults().cacheBudgetBytes() != null) {
            listener.message(first, "x-morgan.cache.budget in " + stack.composeFile().getFileName() + " is ignored here: "
                    + "cache budgets come from the machine's configuration (in Jenkins, Manage Jenkins > System > "
                    + "morgan-build or the node's property), not from the compose file");
        }
        return null;
    }

    /** The path of a {@code type=local} cache entry's {@code key} (src or dest), resolved against {@code base}. */
    static java.util.Optional<Path> localPath(String entry, String key, Path base) {
        boolean local = false;
        String path = null;
        for (String part : entry.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String v = part.substring(eq + 1).strip();
            if (k.equals("type")) {
                local = v.equalsIgnoreCase("local");
            } else if (k.equals(key)) {
                path = v;
            }
        }
        if (!local || path == null || path.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(base.resolve(path).toAbsolutePath().normalize());
    }
}
