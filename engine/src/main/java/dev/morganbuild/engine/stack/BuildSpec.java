package dev.morganbuild.engine.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code build:} section, as the compose specification defines it, with paths resolved
 * and checked to lie inside the project.
 *
 * @param context            absolute, normalised build context directory; null for a remote context
 * @param dockerfile         absolute path of the Dockerfile; null for a remote context's own Dockerfile
 * @param target             stage to build, or null for the last one
 * @param args               build args (compose {@code args}), in file order
 * @param tags               image tags: {@code image:} first, then {@code build.tags}
 * @param labels             image labels
 * @param cacheFrom          {@code cache_from} entries, verbatim
 * @param cacheTo            {@code cache_to} entries, verbatim
 * @param secrets            build secrets
 * @param network            {@code build.network}, or null
 * @param platforms          target platforms
 * @param additionalContexts name to path-or-reference (paths resolved to absolute); {@code service:<name>}
 *                           is the image of another service of the project, built before this one
 * @param remote             the context BuildKit fetches (git or HTTP), or null for a local one
 */
public record BuildSpec(Path context, Path dockerfile, String target, Map<String, String> args,
                        List<String> tags, Map<String, String> labels, List<String> cacheFrom,
                        List<String> cacheTo, List<BuildSecret> secrets, String network,
                        List<String> platforms, Map<String, String> additionalContexts, RemoteContext remote) {
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

    /** A build from a local context folder. */
    public BuildSpec(Path context, Path dockerfile, String target, Map<String, String> args, List<String> tags,
                     Map<String, String> labels, List<String> cacheFrom, List<String> cacheTo, List<BuildSecret> secrets,
                     String network, List<String> platforms, Map<String, String> additionalContexts) {
        this(context, dockerfile, target, args, tags, labels, cacheFrom, cacheTo, secrets, network, platforms,
                additionalContexts, null);
    }

    /** Whether BuildKit fetches the context (git or HTTP) instead of reading a local folder. */
    public boolean isRemote() {
        return remote != null;
    }

    /** The context as BuildKit is given it: the local folder, or the remote context's URL. */
    public String contextText() {
        return remote != null ? remote.url() : context.toString();
    }

    /** The Dockerfile as BuildKit is given it: the local file, or the path inside a remote context. */
    public String dockerfileText() {
        return dockerfile != null ? dockerfile.toString() : remote.dockerfile();
    }

    /** The prefix of an additional context that is another service's image. */
    public static final String SERVICE_CONTEXT = "service:";

    /** The services whose images are additional contexts of this build ({@code service:<name>}), in file order. */
    public List<String> contextServices() {
        return additionalContexts.values().stream().filter(v -> v.startsWith(SERVICE_CONTEXT))
                .map(v -> v.substring(SERVICE_CONTEXT.length())).distinct().toList();
    }
}
