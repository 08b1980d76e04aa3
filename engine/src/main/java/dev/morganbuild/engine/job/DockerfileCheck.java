package dev.morganbuild.engine.job;

import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.record.BuildRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * After a build: does the image say it was built from the service's own Dockerfile? Every build's
 * Dockerfile carries a LABEL with the digest of the original ({@link BuildFile}); the image's label is
 * read back and compared, so an image built from anything else is never recorded as a success.
 */
final class DockerfileCheck {
    private DockerfileCheck() {
    }

    /**
     * Null when the image carries {@code expected}; else why the service must fail. An image whose labels
     * cannot be read (the engine went away) is reported too: its origin is then unknown.
     */
    static String mismatch(CommandRunner runner, BuildRun run, String imageId, String expected, Path dockerfile)
            throws InterruptedException {
        VerifiedImages verified = new VerifiedImages(run.request().cacheRoot());
        if (verified.has(imageId, expected)) {
            return null; // this very image was read back before (an image ID fixes its labels)
        }
        List<String> out = new ArrayList<>();
        Command c = Command.of(List.of(run.docker(), "image", "inspect", "--format",
                "{{index .Config.Labels \"" + BuildRecord.DOCKERFILE_LABEL + "\"}}", imageId)).withEnv(run.dockerEnv());
        int exit;
        try {
            exit = runner.run(c, out::add);
        } catch (IOException e) {
            return "cannot read the labels of image " + imageId + " to check that it was built from " + dockerfile
                    + ": " + e.getMessage();
        }
        String label = out.isEmpty() ? "" : out.get(0).strip();
        if (exit != 0) {
            return "cannot read the labels of image " + imageId + " to check that it was built from " + dockerfile
                    + " (docker image inspect exited with " + exit + (label.isEmpty() ? "" : ": " + label) + ")";
        }
        if (label.equals(expected)) {
            verified.add(imageId, expected);
            return null;
        }
        return "image " + imageId + " was not built from " + dockerfile + ": its label " + BuildRecord.DOCKERFILE_LABEL
                + " is '" + (label.equals("<no value>") ? "" : label) + "', the Dockerfile's digest is " + expected
                + "; the engine used another Dockerfile. Rebuild; if it happens again, report it with the engine's "
                + "version (docker version)";
    }
}
