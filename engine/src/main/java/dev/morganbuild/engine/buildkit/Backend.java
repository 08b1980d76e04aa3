package dev.morganbuild.engine.buildkit;

/** How BuildKit is driven. */
public enum Backend {
    /** {@code docker buildx build} with a named builder: local/registry cache export, metadata file. */
    BUILDX,
    /** {@code docker build} with {@code DOCKER_BUILDKIT=1}: the engine's built-in BuildKit. */
    BUILTIN
}
