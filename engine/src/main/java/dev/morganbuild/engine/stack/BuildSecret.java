package dev.morganbuild.engine.stack;

/**
 * A build secret ({@code build.secrets}) resolved from the top-level {@code secrets:} section.
 * Only where the value comes from is kept, never the value: it goes to BuildKit via {@code --secret}.
 *
 * @param id     the id the Dockerfile mounts ({@code RUN --mount=type=secret,id=...})
 * @param file   a file holding the secret, or null
 * @param envVar an environment variable holding the secret, or null
 */
public record BuildSecret(String id, String file, String envVar) {
}
