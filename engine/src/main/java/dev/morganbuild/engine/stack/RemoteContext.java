package dev.morganbuild.engine.stack;

/**
 * A build context BuildKit fetches itself, as Compose passes it on: a git repository
 * ({@code https://host/repo.git#ref:dir}, {@code git@host:repo}, {@code github.com/org/repo}) or an
 * HTTP(S) tarball. morgan-build does not fetch it, so it cannot read the Dockerfile inside it.
 *
 * @param url        the context as written
 * @param dockerfile the Dockerfile's path inside the context as written (default {@code Dockerfile}), or
 *                   null when {@code dockerfile_inline} gives a local one
 */
public record RemoteContext(String url, String dockerfile) {
    /** The prefixes compose-go takes for a remote context (git references and HTTP URLs). */
    private static final java.util.List<String> PREFIXES = java.util.List.of("https://", "http://", "git://", "ssh://",
            "github.com/", "git@");

    /** Whether Compose reads {@code value} as a remote context rather than a local folder. */
    public static boolean is(String value) {
        return PREFIXES.stream().anyMatch(value::startsWith);
    }
}
