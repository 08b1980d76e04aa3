package dev.morganbuild.engine.dockerfile;

import dev.morganbuild.engine.id.Sha256;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared-base fingerprint of a Dockerfile target: what its first layers depend on, so that the
 * planner can build one of several services with the same base first and let the others find its
 * layers in the cache.
 */
public final class BaseFingerprint {
    private static final Pattern MOUNT = Pattern.compile("--mount=(\\S+)");

    private BaseFingerprint() {
    }

    /**
     * A SHA-256 (hex) of what {@code target}'s base layers depend on: the resolved base image and
     * platform, and every instruction of the stage chain before the first one that reads the build
     * context ({@code COPY}, {@code ADD}, or {@code RUN --mount} with a bind mount). Services whose
     * fingerprints are equal share those layers, whatever their stage names.
     */
    public static String of(DockerfileInfo info, String target) {
        List<DockerfileInfo.Stage> chain = info.chain(target);
        StringBuilder sb = new StringBuilder("FROM ").append(chain.get(0).from());
        if (chain.get(0).platform() != null) {
            sb.append(" --platform=").append(chain.get(0).platform());
        }
        sb.append('\n');
        outer:
        for (DockerfileInfo.Stage s : chain) {
            for (DockerfileInfo.Instruction in : s.instructions()) {
                if (readsContext(in)) {
                    break outer;
                }
                sb.append(in.keyword()).append(' ').append(arguments(info, in)).append('\n').append(in.heredoc());
            }
        }
        return Sha256.hex(sb.toString());
    }

    /**
     * The last named stage of {@code target}'s chain that reads nothing from the build context (all
     * of it lies inside the {@link #of} prefix), e.g. a {@code base} stage with apt
     * installs: building it with {@code --target} warms the layers shared across services.
     */
    public static Optional<DockerfileInfo.Stage> baseStage(DockerfileInfo info, String target) {
        DockerfileInfo.Stage last = null;
        for (DockerfileInfo.Stage s : info.chain(target)) {
            if (s.instructions().stream().anyMatch(BaseFingerprint::readsContext)) {
                break;
            }
            last = s.name() != null ? s : last;
        }
        return Optional.ofNullable(last);
    }

    /** ARG values are part of the fingerprint as the build will see them. */
    private static String arguments(DockerfileInfo info, DockerfileInfo.Instruction in) {
        if (!in.keyword().equals("ARG")) {
            return in.arguments().replaceAll("\\s+", " ");
        }
        StringBuilder sb = new StringBuilder();
        for (String[] d : DockerfileInfo.argDeclarations(info.file(), in)) {
            Map<String, String> args = info.buildArgs();
            String v = args.containsKey(d[0]) ? args.get(d[0]) : d[1] != null ? d[1] : info.globalArgs().get(d[0]);
            sb.append(d[0]).append('=').append(v == null ? "" : v).append(' ');
        }
        return sb.toString().strip();
    }

    static boolean readsContext(DockerfileInfo.Instruction in) {
        if (in.keyword().equals("COPY") || in.keyword().equals("ADD")) {
            return true;
        }
        if (!in.keyword().equals("RUN")) {
            return false;
        }
        Matcher m = MOUNT.matcher(in.arguments());
        while (m.find()) {
            String opts = "," + m.group(1) + ",";
            if (!opts.contains(",type=") || opts.contains(",type=bind,")) {
                return true; // a bind mount (the default type) reads the context or another stage
            }
        }
        return false;
    }
}
