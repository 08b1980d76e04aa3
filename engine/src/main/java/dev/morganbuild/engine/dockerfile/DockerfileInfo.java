package dev.morganbuild.engine.dockerfile;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.text.Utf8Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What morgan-build needs to know about a Dockerfile, parsed once for one set of build args: parser
 * directives, global ARGs, the stages with their resolved {@code FROM}, and each stage's instructions.
 *
 * <p>{@code FROM} is resolved as BuildKit does: {@code ${ARG}} / {@code $ARG} from the global ARGs
 * (declared before the first {@code FROM}), whose defaults the compose build args override, and
 * BuildKit's automatic platform ARGs ({@code TARGETARCH}, {@code BUILDPLATFORM}, ...; see
 * {@link BuildPlatform}), which need no {@code ARG} and which a global {@code ARG} without a value keeps.
 */
public final class DockerfileInfo {
    /**
     * One instruction.
     *
     * @param keyword   upper-case keyword ({@code RUN}, {@code COPY}, ...)
     * @param arguments the rest of the instruction, continuation lines joined
     * @param line      1-based line where the instruction starts
     * @param heredoc   the bodies of its heredocs ({@code <<EOF}), or "" when it has none
     * @param lastLine  1-based line where the instruction ends (its last continuation or heredoc line)
     */
    public record Instruction(String keyword, String arguments, int line, String heredoc, int lastLine) {
    }

    /**
     * One build stage.
     *
     * @param index        0-based position in the file
     * @param name         the {@code AS} name, lower-cased as BuildKit does, or null
     * @param from         the resolved {@code FROM} value: an image reference or an earlier stage's name
     * @param parent       the earlier stage this one builds on, or null when {@code from} is an image
     * @param platform     the resolved {@code --platform}, or null
     * @param line         line of the {@code FROM}
     * @param instructions the instructions after {@code FROM}, up to the next stage
     * @param platformArgs the automatic platform ARGs the {@code FROM} image used, directly or through a
     *                     global ARG's default, with their values (e.g. {@code TARGETARCH=amd64})
     */
    public record Stage(int index, String name, String from, String parent, String platform, int line,
                        List<Instruction> instructions, Map<String, String> platformArgs) {
        public Stage {
            instructions = List.copyOf(instructions);
            platformArgs = Collections.unmodifiableMap(new LinkedHashMap<>(platformArgs));
        }

        /** The image this stage starts from, or null when it starts from another stage. */
        public String image() {
            return parent == null ? from : null;
        }
    }

    private final String file;
    private final char escape;
    private final String syntax;
    private final Map<String, String> globalArgs;
    private final Map<String, String> buildArgs;
    private final List<Stage> stages;

    private DockerfileInfo(String file, char escape, String syntax, Map<String, String> globalArgs,
                           Map<String, String> buildArgs, List<Stage> stages) {
        this.file = file;
        this.escape = escape;
        this.syntax = syntax;
        this.globalArgs = Collections.unmodifiableMap(globalArgs);
        this.buildArgs = Map.copyOf(buildArgs);
        this.stages = List.copyOf(stages);
    }

    /** Reads and parses {@code dockerfile} for this machine's platform; {@code buildArgs} override ARG defaults. */
    public static DockerfileInfo parse(Path dockerfile, Map<String, String> buildArgs) {
        return parse(dockerfile, buildArgs, BuildPlatform.host());
    }

    /**
     * Reads and parses {@code dockerfile} as built for {@code target} on this machine;
     * {@code buildArgs} override ARG defaults.
     */
    public static DockerfileInfo parse(Path dockerfile, Map<String, String> buildArgs, BuildPlatform target) {
        String name = dockerfile.toString();
        try {
            if (Files.size(dockerfile) > 4L * 1024 * 1024) {
                throw new MorganException(name, 0, 0, "the Dockerfile is larger than 4 MB",
                        "keep generated content out of the Dockerfile");
            }
            return parse(name, Utf8Text.decode(name, Files.readAllBytes(dockerfile), "a Dockerfile"), buildArgs, target);
        } catch (NoSuchFileException e) {
            throw new MorganException(name, 0, 0, "Dockerfile not found", "check build.dockerfile in the compose file");
        } catch (IOException e) {
            throw new MorganException(name, 0, 0, "cannot read the Dockerfile: " + e,
                    "check that it is a readable UTF-8 text file", e);
        }
    }

    /** Parses Dockerfile {@code text} for this machine's platform; {@code file} is only used in error messages. */
    static DockerfileInfo parse(String file, String text, Map<String, String> buildArgs) {
        return parse(file, text, buildArgs, BuildPlatform.host());
    }

    /** Parses Dockerfile {@code text} as built for {@code target} on this machine. */
    static DockerfileInfo parse(String file, String text, Map<String, String> buildArgs, BuildPlatform target) {
        DockerfileLexer.Result lexed = DockerfileLexer.lex(file, text);
        Map<String, String> global = new LinkedHashMap<>();
        FromScope scope = new FromScope(target.args(BuildPlatform.host()));
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        Instruction from = null;
        for (Instruction in : lexed.instructions()) {
            if (in.keyword().equals("FROM")) {
                if (from != null) {
                    stages.add(stage(file, lexed.escape(), from, current, stages, global, scope));
                }
                from = in;
                current = new ArrayList<>();
            } else if (from != null) {
                current.add(in);
            } else if (in.keyword().equals("ARG")) {
                for (String[] decl : argDeclarations(file, in)) {
                    String value = buildArgs.containsKey(decl[0]) ? buildArgs.get(decl[0])
                            : decl[1] == null ? null : DockerfileVars.expand(decl[1], scope.variables(), lexed.escape(),
                            false, new DockerfileVars.Origin(file, in.line()));
                    global.put(decl[0], value);
                    scope.declare(decl[0], value, buildArgs.containsKey(decl[0]) ? null : decl[1]);
                }
            } else {
                throw new MorganException(file, in.line(), 1, in.keyword() + " before the first FROM",
                        "only ARG may come before the first FROM; move " + in.keyword() + " into a stage");
            }
        }
        if (from == null) {
            throw new MorganException(file, 1, 1, "the Dockerfile has no FROM instruction",
                    "start the build with FROM <image>, e.g. FROM debian:bookworm");
        }
        stages.add(stage(file, lexed.escape(), from, current, stages, global, scope));
        return new DockerfileInfo(file, lexed.escape(), lexed.syntax(), global, buildArgs, stages);
    }

    private static Stage stage(String file, char escape, Instruction from, List<Instruction> body,
                               List<Stage> earlier, Map<String, String> global, FromScope scope) {
        List<String> words = List.of(from.arguments().split("\\s+"));
        String platform = null;
        int w = 0;
        while (w < words.size() && words.get(w).startsWith("--")) {
            if (words.get(w).startsWith("--platform=")) {
                platform = DockerfileVars.expand(words.get(w).substring(11), global, escape, true,
                        new DockerfileVars.Origin(file, from.line()));
            }
            w++;
        }
        List<String> rest = words.subList(w, words.size());
        boolean named = rest.size() == 3 && rest.get(1).equalsIgnoreCase("AS");
        if (rest.isEmpty() || rest.get(0).isEmpty() || !(rest.size() == 1 || named)) {
            throw new MorganException(file, from.line(), 1, "malformed FROM '" + from.arguments() + "'",
                    "write FROM [--platform=<platform>] <image> [AS <name>]");
        }
        String image = DockerfileVars.expand(rest.get(0), scope.variables(), escape, false,
                new DockerfileVars.Origin(file, from.line()));
        if (image.isBlank()) {
            throw new MorganException(file, from.line(), 1, "FROM " + rest.get(0) + " resolves to an empty image name",
                    "give the ARG used in FROM a default before the first FROM, or set it in build.args");
        }
        String name = named ? rest.get(2).toLowerCase(Locale.ROOT) : null;
        if (named && !ImageReference.isStageName(name)) {
            throw new MorganException(file, from.line(), 1, "invalid stage name '" + rest.get(2) + "'",
                    "stage names start with a letter and contain only letters, digits, '_', '.', '-'");
        }
        String parent = null;
        for (Stage s : earlier) {
            if (name != null && name.equals(s.name())) {
                throw new MorganException(file, from.line(), 1, "duplicate stage name '" + name + "' (first on line "
                        + s.line() + ")", "give every stage a different AS name");
            }
            if (image.toLowerCase(Locale.ROOT).equals(s.name())) {
                parent = s.name();
            }
        }
        return new Stage(earlier.size(), name, parent != null ? parent : image, parent, platform, from.line(), body,
                scope.platformArgsIn(rest.get(0)));
    }

    /** {name, default-or-null} for each name in an ARG instruction. */
    static List<String[]> argDeclarations(String file, Instruction in) {
        List<String[]> out = new ArrayList<>();
        List<String> words;
        try {
            words = CommandWords.split(in.arguments());
        } catch (IllegalArgumentException e) {
            throw new MorganException(file, in.line(), 1, "malformed ARG: " + e.getMessage(), "close the quote");
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            out.add(eq < 0 ? new String[] {word, null} : new String[] {word.substring(0, eq), word.substring(eq + 1)});
        }
        return out;
    }

    String file() {
        return file;
    }

    /** The {@code # syntax=} directive (a frontend image), or null; recorded, not acted on. */
    String syntax() {
        return syntax;
    }

    char escape() {
        return escape;
    }

    /** Global ARGs (before the first FROM) with their effective values (null: declared without one). */
    Map<String, String> globalArgs() {
        return globalArgs;
    }

    public List<Stage> stages() {
        return stages;
    }

    /** The named stages, in file order. */
    public List<String> stageNames() {
        return stages.stream().map(Stage::name).filter(n -> n != null).toList();
    }

    /** The stage named {@code name} (case-insensitive). */
    Optional<Stage> stage(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return stages.stream().filter(s -> n.equals(s.name())).findFirst();
    }

    public boolean hasStage(String name) {
        return stage(name).isPresent();
    }

    /**
     * The stages {@code target} builds on, root (the one starting from an image) first and the
     * target last. A null target means the last stage, as BuildKit does.
     */
    public List<Stage> chain(String target) {
        Stage s = target == null ? stages.get(stages.size() - 1) : stage(target).orElseThrow(() ->
                new MorganException(file, 0, 0, "no stage named '" + target + "'",
                        "stages are: " + String.join(", ", stageNames())));
        List<Stage> chain = new ArrayList<>();
        chain.add(s);
        while (s.parent() != null) {
            s = stage(s.parent()).orElseThrow();
            chain.add(0, s);
        }
        return chain;
    }

    /** The image {@code target}'s stage chain starts from (null target: the last stage). */
    public String baseImage(String target) {
        return chain(target).get(0).from();
    }

    /** Build args the file was parsed with (compose args override ARG defaults). */
    Map<String, String> buildArgs() {
        return buildArgs;
    }
}
