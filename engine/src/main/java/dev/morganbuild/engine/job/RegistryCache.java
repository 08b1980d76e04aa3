package dev.morganbuild.engine.job;

import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.StepRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code x-morgan.cache.mode: registry}: a service's layer cache shared through a registry, so a new
 * agent builds warm. With buildx it is BuildKit's registry cache ({@code type=registry,mode=max}); with
 * the engine's built-in BuildKit, which exports no cache but an inline one, the image is built with the
 * inline-cache build arg, tagged with the cache ref, imported with {@code --cache-from <ref>}, and the
 * cache tag is pushed after a successful build that was not nightly and ran a step, or found no cache
 * to read ({@link #nothingToExport}). A failed import or export is a warning in the record, never a
 * silent cold build and never a failed build.
 */
final class RegistryCache {
    private RegistryCache() {
    }

    private static final String IMPORT = "importing cache manifest from ";

    /**
     * BuildKit notes a failed import as a failed "importing cache manifest" step and builds on without
     * it. A cache that is not there yet (the first build, "not found") is no failure.
     */
    static Optional<String> importFailure(String service, List<StepRecord> steps) {
        return steps.stream().filter(s -> s.failed() && s.name().startsWith(IMPORT)).findFirst().flatMap(s -> {
            String ref = s.name().substring(IMPORT.length());
            String why = s.error() == null ? "failed" : s.error().lines().findFirst().orElse("failed");
            why = why.startsWith(ref + ": ") ? why.substring(ref.length() + 2) : why;
            if (why.endsWith("not found")) {
                return Optional.empty();
            }
            return Optional.of(service + ": the registry cache could not be read (" + ref + ": " + why
                    + "); the steps it would have served were built. Check the registry and docker login");
        });
    }

    /** True when a build's cache tag is pushed: the built-in back end, a successful build, not nightly. */
    static boolean exports(Backend backend, boolean succeeded, boolean nightly) {
        return backend == Backend.BUILTIN && succeeded && !nightly;
    }

    /**
     * True when the build read the registry cache and ran no step: the registry holds that cache already.
     * Pushing it again would also damage it on Docker 20.10, whose inline cache export loses the records
     * that came from another import (two services sharing a base stage): the next new agent would rebuild
     * most of the second service (moby/buildkit#2274, fixed in BuildKit 0.14).
     */
    static boolean nothingToExport(List<StepRecord> steps) {
        boolean imported = steps.stream().anyMatch(s -> s.name().startsWith(IMPORT) && !s.failed());
        List<StepRecord> build = steps.stream().filter(StepRecord::isBuildStep).toList();
        return imported && !build.isEmpty() && build.stream().allMatch(StepRecord::cached);
    }

    /**
     * After a successful build: the warnings of a failed import, and of a failed export when this build
     * pushes its cache tag ({@link #exports}). The image is good either way.
     */
    static List<String> afterBuild(CommandRunner runner, BuildRun run, PlannedService p, String ref, Backend backend,
                                   List<StepRecord> steps) throws InterruptedException {
        List<String> warnings = new ArrayList<>();
        importFailure(p.name(), steps).ifPresent(warnings::add);
        if (ref != null && !ref.contains("@") && exports(backend, true, p.nightly()) && !nothingToExport(steps)) {
            ImagePush.Result cache = ImagePush.push(runner, run, List.of(ref));
            if (cache.error() != null) {
                warnings.add(p.name() + ": the registry cache was not exported (" + cache.error() + ")");
            }
        }
        return warnings;
    }
}
