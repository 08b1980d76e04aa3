package dev.morganbuild.engine.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code build:} section, as the compose specification defines it, with paths resolved
 * and checked to lie inside the project.
 *
 * @param context            absolute, normalised build context directory
 * @param dockerfile         absolute path of the Dockerfile
 * @param target             stage to build, or null for the last one
 * @param args               build args (compose {@code args}), in file order
 * @param tags               image tags: {@code image:} first, then {@code build.tags}
 * @param labels             image labels
 * @param cacheFrom          {@code cache_from} entries, verbatim
 * @param cacheTo            {@code cache_to} entries, verbatim
 * @param secrets            build secrets
 * @param network            {@code build.network}, or null
 * @param platforms          target platforms
 * @param additionalContexts name to path-or-reference (paths resolved to absolute)
 */
public record BuildSpec(Path context, Path dockerfile, String target, Map<String, String> args,
                        List<String> tags, Map<String, String> labels, List<String> cacheFrom,
                        List<String> cacheTo, List<BuildSecret> secrets, String network,
                        List<String> platforms, Map<String, String> additionalContexts) {
    public BuildSpec {
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        tags = List.copyOf(tags == null ? List.of() : tags);
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        cacheFrom = List.copyOf(cacheFrom == null ? List.of() : cacheFrom);
        cacheTo = List.copyOf(cacheTo == null ? List.of() : cacheTo);
        secrets = List.copyOf(secrets == null ? List.of() : secrets);
        platforms = List.copyOf(platforms == null ? List.of() : platforms);
        additionalContexts = additionalContexts == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(additionalContexts));
    }
}
