package dev.morganbuild.jenkins.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A docker client stand-in for tests that need the step to reach {@code docker build} without a
 * Docker engine: it answers the engine's probes ({@code version}, {@code buildx}, {@code network}) like
 * Docker 20.10 with built-in BuildKit, and plays {@code build} as told. Real builds are covered by the
 * engine's integration tests and {@link MorganBuildRealDockerTest}.
 */
final class FakeDocker {
    private FakeDocker() {
    }

    /** A client whose builds fail with exit code 7 after one line of output. */
    static Path failing(Path dir) throws IOException {
        return write(dir, "echo '#1 ERROR: failed to solve: fake failure'\nexit 7\n");
    }

    private static Path write(Path dir, String build) throws IOException {
        Path script = dir.resolve("docker");
        Files.writeString(script, "#!/bin/sh\n"
                + "case \"$1\" in\n"
                + "  version) echo '{\"Client\":{\"Version\":\"20.10.24\"},\"Server\":{\"Version\":\"20.10.24\"}}' ;;\n"
                + "  buildx) exit 1 ;;\n"
                + "  network) echo bridge ;;\n"
                + "  build)\n" + build.indent(4) + "    ;;\n"
                + "  *) exit 0 ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
