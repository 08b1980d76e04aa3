package dev.morganbuild.engine.job;

import dev.morganbuild.engine.dockerfile.BuildDockerfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Dockerfile one build hands to BuildKit: a copy of the service's Dockerfile (rewritten by
 * {@link BuildDockerfile}) in the build's own scratch folder, named by the SHA-256 of what it holds.
 *
 * <p>Why a copy with a content-derived name: Docker 20.10's built-in BuildKit sends the Dockerfile's
 * folder incrementally and keeps what it already received under one key for every build of a
 * context, comparing files by name, size and modification time. Two services' Dockerfiles of equal
 * name, size and mtime (a fresh git checkout makes such files) then made the second build use the
 * first one's Dockerfile. A file whose name is its content's digest can only ever be matched by
 * the same content. A Dockerfile-specific ignore file ({@code Dockerfile.dockerignore}) travels along
 * under the copy's name and is part of that digest.
 *
 * @param path           the copy to build from
 * @param originalDigest SHA-256 of the service's own Dockerfile, as the image label and the record carry it
 */
record BuildFile(Path path, String originalDigest) {
    static BuildFile write(Path dockerfile, Path scratch, String target, boolean bustArg, Map<String, String> args)
            throws IOException {
        byte[] original = Files.readAllBytes(dockerfile);
        String text = BuildDockerfile.rewrite(dockerfile.toString(), new String(original, StandardCharsets.UTF_8),
                target, bustArg, args);
        Path ignore = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
        String ignoreText = Files.isRegularFile(ignore) ? Files.readString(ignore, StandardCharsets.UTF_8) : null;
        String name = "Dockerfile." + BuildDockerfile.digest(text + "\u0000" + (ignoreText == null ? "" : ignoreText))
                .substring("sha256:".length());
        Path copy = scratch.resolve(name);
        Files.writeString(copy, text, StandardCharsets.UTF_8);
        if (ignoreText != null) {
            Files.writeString(scratch.resolve(name + ".dockerignore"), ignoreText, StandardCharsets.UTF_8);
        }
        return new BuildFile(copy, BuildDockerfile.digest(original));
    }
}
