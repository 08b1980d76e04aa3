package dev.morganbuild.engine.dockerfile;

import dev.morganbuild.engine.id.Sha256;
import dev.morganbuild.engine.record.BuildRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Dockerfile text a build hands to BuildKit, made from the service's own Dockerfile:
 * <ul>
 *   <li>a {@code LABEL} at the end of the stage being built that names the SHA-256 of the original
 *       Dockerfile ({@value BuildRecord#DOCKERFILE_LABEL}), so the image says which Dockerfile it was
 *       built from and the build can check it afterwards;</li>
 *   <li>for a no-cache build that keeps cache mounts, {@code ARG MORGAN_NIGHTLY_ID} after every FROM
 *       ({@link NightlyDockerfile}).</li>
 * </ul>
 * A LABEL makes no layer and no BuildKit step, so the layer cache is used exactly as for the original.
 * Lines are found by {@link DockerfileLexer}, the one Dockerfile reader.
 */
public final class BuildDockerfile {
    private BuildDockerfile() {
    }

    /** {@code sha256:<hex>} of {@code bytes}. */
    public static String digest(byte[] bytes) {
        return "sha256:" + Sha256.hex(bytes);
    }

    /** {@code sha256:<hex>} of {@code text} as UTF-8. */
    public static String digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param file     the Dockerfile's name, for errors
     * @param text     the original Dockerfile
     * @param target   the stage to build, or null for the last one
     * @param bustArg  declare the nightly bust ARG in every stage
     * @param buildArgs the build's args (they may name the FROM images)
     * @return the text to build, lines joined with \n
     */
    public static String rewrite(String file, String text, String target, boolean bustArg, Map<String, String> buildArgs) {
        DockerfileInfo info = DockerfileInfo.parse(file, text, buildArgs);
        DockerfileInfo.Stage stage = target == null ? info.stages().get(info.stages().size() - 1)
                : info.stage(target).orElseThrow(() -> new dev.morganbuild.engine.MorganException(file, 0, 0,
                        "target '" + target + "' is not a stage of the Dockerfile", "stages are: "
                        + String.join(", ", info.stageNames())));
        List<DockerfileInfo.Instruction> instructions = DockerfileLexer.lex(file, text).instructions();
        TreeMap<Integer, List<String>> after = new TreeMap<>();
        if (bustArg) {
            NightlyDockerfile.bustArgLines(instructions, after);
        }
        int stageEnd = stage.instructions().isEmpty()
                ? instructions.stream().filter(i -> i.keyword().equals("FROM") && i.line() == stage.line())
                        .findFirst().orElseThrow().lastLine()
                : stage.instructions().get(stage.instructions().size() - 1).lastLine();
        after.computeIfAbsent(stageEnd, k -> new ArrayList<>())
                .add("LABEL " + BuildRecord.DOCKERFILE_LABEL + "=\"" + digest(text) + "\"");
        return insertAfter(DockerfileLexer.lines(text), after);
    }

    /** {@code lines} joined with \n, each entry of {@code after} inserted after its (1-based) line. */
    static String insertAfter(String[] lines, TreeMap<Integer, List<String>> after) {
        List<String> out = new ArrayList<>(lines.length + after.size());
        for (int i = 0; i < lines.length; i++) {
            out.add(lines[i]);
            List<String> extra = after.get(i + 1);
            if (extra != null) {
                out.addAll(extra);
            }
        }
        return String.join("\n", out);
    }
}
