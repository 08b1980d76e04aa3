package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.stack.BuildSecret;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link BuildRequest} as docker's argv for one back end. Every user value is its own argv
 * element after its flag (never glued into a shell string), so metacharacters, spaces, newlines and
 * leading dashes stay literal; the context, an absolute path or a remote context's URL, comes last.
 */
public final class ArgvRenderer {
    private ArgvRenderer() {
    }

    public static RenderedBuild render(BuildRequest r, Backend backend, String docker) {
        check(r);
        List<String> argv = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        argv.add(docker);
        if (backend == Backend.BUILDX) {
            argv.addAll(List.of("buildx", "build"));
            if (r.builderName() != null && !r.builderName().isBlank()) {
                argv.addAll(List.of("--builder", r.builderName()));
            }
            argv.addAll(List.of("--progress", r.progress()));
        } else {
            argv.add("build");
            // rawjson needs buildx; the built-in path always prints plain progress
            argv.addAll(List.of("--progress", "plain"));
        }
        argv.addAll(List.of("-f", r.dockerfile() != null ? r.dockerfile().toString() : r.remoteDockerfile()));
        if (r.target() != null && !r.target().isBlank()) {
            argv.addAll(List.of("--target", r.target()));
        }
        r.buildArgs().forEach((k, v) -> argv.addAll(List.of("--build-arg", k + "=" + v)));
        if (r.inlineCache() && backend == Backend.BUILTIN) {
            argv.addAll(List.of("--build-arg", "BUILDKIT_INLINE_CACHE=1"));
        }
        r.tags().forEach(t -> argv.addAll(List.of("-t", t)));
        r.labels().forEach((k, v) -> argv.addAll(List.of("--label", k + "=" + v)));
        for (BuildSecret s : r.secrets()) {
            argv.addAll(List.of("--secret", secret(s)));
        }
        if (r.network() != null && !r.network().isBlank()) {
            argv.addAll(List.of("--network", r.network()));
        }
        if (!r.platforms().isEmpty()) {
            argv.addAll(List.of("--platform", String.join(",", r.platforms())));
        }
        if (backend == Backend.BUILDX) {
            r.additionalContexts().forEach((k, v) -> argv.addAll(List.of("--build-context", k + "=" + v)));
            buildxCache(r, argv);
            if (r.metadataFile() != null) {
                argv.addAll(List.of("--metadata-file", r.metadataFile().toString()));
            }
            if (r.push()) {
                argv.add("--push");
            } else if (r.load()) {
                argv.add("--load");
            }
        } else {
            builtinCache(r, argv, warnings);
            if (!r.additionalContexts().isEmpty()) {
                warnings.add(r.service() + ": additional_contexts " + r.additionalContexts().keySet()
                        + " need the buildx back end; the built-in BuildKit of this client cannot pass them");
            }
            if (r.push()) {
                warnings.add(r.service() + ": the built-in back end does not push while building; push the tags afterwards");
            }
        }
        if (r.noCache()) {
            argv.add("--no-cache");
        }
        if (r.iidFile() != null) {
            argv.addAll(List.of("--iidfile", r.iidFile().toString()));
        }
        argv.add(r.remoteContext() != null ? r.remoteContext() : r.context().toString());
        Map<String, String> env = backend == Backend.BUILTIN ? Map.of("DOCKER_BUILDKIT", "1") : Map.of();
        return new RenderedBuild(new Command(argv, env, null, null, List.of()), warnings);
    }

    private static void buildxCache(BuildRequest r, List<String> argv) {
        if (r.localCacheDir() != null) {
            // buildx fails on a local cache source that was never written; import only what exists
            if (Files.isRegularFile(r.localCacheDir().resolve("index.json"))) {
                argv.addAll(List.of("--cache-from", "type=local,src=" + r.localCacheDir()));
            }
            argv.addAll(List.of("--cache-to", "type=local,dest=" + r.localCacheDir() + ",mode=max"));
        }
        if (r.registryCacheRef() != null) {
            argv.addAll(List.of("--cache-from", "type=registry,ref=" + r.registryCacheRef()));
            argv.addAll(List.of("--cache-to", "type=registry,ref=" + r.registryCacheRef() + ",mode=max"));
        }
        if (r.inlineCache()) {
            argv.addAll(List.of("--cache-to", "type=inline"));
        }
        r.cacheFrom().forEach(c -> argv.addAll(List.of("--cache-from", c)));
        r.cacheTo().forEach(c -> argv.addAll(List.of("--cache-to", c)));
    }

    /** docker build (20.10) imports inline cache from images only, and exports none but inline. */
    private static void builtinCache(BuildRequest r, List<String> argv, List<String> warnings) {
        for (String c : r.cacheFrom()) {
            String image = imageOf(c);
            if (image == null) {
                warnings.add(r.service() + ": cache_from '" + c + "' is not an image; the built-in BuildKit imports "
                        + "cache only from images (inline cache) - use the buildx back end for it");
            } else {
                argv.addAll(List.of("--cache-from", image));
            }
        }
        if (!r.cacheTo().isEmpty()) {
            warnings.add(r.service() + ": cache_to " + r.cacheTo() + " needs the buildx back end; the built-in BuildKit "
                    + "can only embed an inline cache (x-morgan cache.mode: inline)");
        }
        if (r.registryCacheRef() != null) {
            // an inline cache in an image tagged with the ref, pushed after the build (the engine's BuildKit
            // has no registry exporter); imported from that image
            if (!r.inlineCache()) {
                argv.addAll(List.of("--build-arg", "BUILDKIT_INLINE_CACHE=1"));
            }
            argv.addAll(List.of("--cache-from", r.registryCacheRef()));
            if (!r.registryCacheRef().contains("@")) { // a digest names an image to read, not a tag to write
                argv.addAll(List.of("-t", r.registryCacheRef()));
            }
        }
    }

    /** The image of a cache_from entry ({@code img}, {@code type=registry,ref=img}), or null for other types. */
    static String imageOf(String entry) {
        if (!entry.contains("=")) {
            return entry;
        }
        String type = null;
        String ref = null;
        for (String part : entry.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                String k = part.substring(0, eq).trim();
                if (k.equals("type")) {
                    type = part.substring(eq + 1).trim();
                } else if (k.equals("ref")) {
                    ref = part.substring(eq + 1).trim();
                }
            }
        }
        return "registry".equals(type) && ref != null ? ref : null;
    }

    private static String secret(BuildSecret s) {
        String source = s.file() != null ? "src=" + s.file() : "env=" + s.envVar();
        String spec = "id=" + s.id() + "," + source;
        // docker splits --secret as CSV: a comma, quote or newline would change its meaning
        if (spec.chars().filter(ch -> ch == ',').count() != 1 || spec.contains("\"") || spec.contains("\n")) {
            throw MorganException.of("secret '" + s.id() + "' has a comma, quote or newline in its id or source",
                    "rename the secret or move its file to a path without commas, quotes or newlines");
        }
        return spec;
    }

    /**
     * The last gate before docker: values that reach it from the command line or a Jenkins step (not
     * only from a checked compose file) must keep their meaning as one argument each. Values are not
     * echoed: a build arg may carry something private.
     */
    public static void check(BuildRequest r) {
        r.buildArgs().forEach((k, v) -> {
            if (!dev.morganbuild.engine.stack.KeyNames.isValid(k)) {
                throw MorganException.of("build arg name '" + k.strip() + "' " + dev.morganbuild.engine.stack.KeyNames.problem(k),
                        "pass build args as NAME=value with a NAME of letters, digits and '_' (--build-arg, or buildArgs in Jenkins)");
            }
            if (v.indexOf('\0') >= 0) {
                throw MorganException.of("the value of build arg " + k + " contains a NUL character", "remove the \\0 from it");
            }
        });
        r.labels().forEach((k, v) -> {
            if (!dev.morganbuild.engine.stack.KeyNames.isValid(k) || v.indexOf('\0') >= 0) {
                throw MorganException.of("label '" + k.strip() + "' cannot be passed to docker",
                        "label keys have no '=', spaces or control characters, and values no NUL");
            }
        });
        for (String t : r.tags()) {
            if (!dev.morganbuild.engine.dockerfile.ImageReference.isValid(t)) {
                throw MorganException.of("tag '" + t.strip() + "' " + dev.morganbuild.engine.dockerfile.ImageReference.problem(t)
                                + ": not a valid image reference",
                        "write a tag such as registry.example.com/team/app:1.2 (--tag, or tags in Jenkins)");
            }
        }
        if (r.target() != null && !r.target().isBlank() && !dev.morganbuild.engine.dockerfile.ImageReference.isStageName(r.target())) {
            throw MorganException.of("target '" + r.target().strip() + "' is not a stage name",
                    "name a stage of the Dockerfile (FROM ... AS <name>): letters, digits, '_', '.', '-'");
        }
        if (r.network() != null && !r.network().isBlank() && !dev.morganbuild.engine.stack.KeyNames.isNetwork(r.network())) {
            throw MorganException.of("network '" + r.network().strip() + "' is not a network name",
                    "use host, none, default or the name of a docker network (--network)");
        }
        if (r.remoteContext() != null && (!dev.morganbuild.engine.stack.RemoteContext.is(r.remoteContext())
                || !r.remoteContext().matches("\\S+"))) {
            throw MorganException.of("remote context '" + r.remoteContext().strip() + "' is not a git or HTTP(S) URL in one word",
                    "write e.g. https://github.com/org/repo.git#main:subdir");
        }
        String df = r.dockerfile() != null ? r.dockerfile().toString() : r.remoteDockerfile();
        if (df == null || df.isBlank() || df.startsWith("-") || df.chars().anyMatch(Character::isISOControl)) {
            throw MorganException.of("Dockerfile '" + (df == null ? "" : df.strip()) + "' cannot be passed to docker",
                    "name the Dockerfile by a path without control characters that does not start with '-'");
        }
    }
}
