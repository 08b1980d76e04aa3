package dev.morganbuild.engine.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code RUN --mount=type=cache,...} as a build step names it, and the command it ran. The engine's
 * records know a cache mount only by its target and the command that first made it ({@code cached
 * mount /var/cache/apt from exec /bin/sh -c apt-get ...}); the steps in the history add its id.
 *
 * @param id      the mount's id ({@code id=}; Dockerfile's default is the target)
 * @param target  where it was mounted
 * @param command the RUN command after its flags, white space collapsed
 */
record CacheMountSpec(String id, String target, String command) {
    private static final Pattern RUN = Pattern.compile("^\\[[^\\]]*\\]\\s+RUN\\s+(.*)$", Pattern.DOTALL);
    private static final Pattern FLAG = Pattern.compile("^--(\\S+)\\s*");

    /** The cache mounts of a step's name, e.g. {@code [base 2/2] RUN --mount=type=cache,target=/var/cache/apt apt-get ...}. */
    static List<CacheMountSpec> ofStep(String stepName) {
        Matcher m = RUN.matcher(stepName == null ? "" : stepName.strip());
        if (!m.matches()) {
            return List.of();
        }
        String rest = m.group(1);
        List<String[]> mounts = new ArrayList<>();
        for (Matcher f = FLAG.matcher(rest); f.find(); f = FLAG.matcher(rest)) {
            String flag = f.group(1);
            rest = rest.substring(f.end());
            if (flag.startsWith("mount=")) {
                String id = null;
                String target = null;
                boolean cache = false;
                for (String kv : flag.substring("mount=".length()).split(",")) {
                    String[] p = kv.split("=", 2);
                    String key = p[0].toLowerCase(Locale.ROOT);
                    String value = p.length > 1 ? p[1] : "";
                    switch (key) {
                        case "type" -> cache = value.equals("cache");
                        case "id" -> id = value;
                        case "target", "dst", "destination" -> target = value;
                        default -> { }
                    }
                }
                if (cache && target != null) {
                    mounts.add(new String[] {id == null || id.isEmpty() ? target : id, target});
                }
            }
        }
        String command = collapse(rest);
        return mounts.stream().map(a -> new CacheMountSpec(a[0], a[1], command)).toList();
    }

    /** The RUN command of a step's name (after its flags), or empty when it is no RUN. */
    static String commandOfStep(String stepName) {
        Matcher m = RUN.matcher(stepName == null ? "" : stepName.strip());
        if (!m.matches()) {
            return "";
        }
        return collapse(m.group(1).replaceAll("^(--\\S+\\s*)+", ""));
    }

    static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /** What kind of package cache a mount holds, from its id and target: apt, pip, uv, npm, ... or other. */
    static String kind(String id, String target) {
        String s = ((id == null ? "" : id) + " " + (target == null ? "" : target)).toLowerCase(Locale.ROOT);
        for (String[] k : new String[][] {{"apt", "apt"}, {"pip", "pip"}, {"/uv", "uv"}, {"uv", "uv"}, {"npm", "npm"},
                {"yarn", "yarn"}, {"pnpm", "pnpm"}, {"cargo", "cargo"}, {"go-build", "go"}, {"/go/pkg", "go"},
                {".m2", "maven"}, {"gradle", "gradle"}, {"ccache", "ccache"}, {"conda", "conda"},
                {"huggingface", "huggingface"}, {"apk", "apk"}, {"dnf", "dnf"}, {"yum", "yum"}}) {
            if (s.contains(k[0])) {
                return k[1];
            }
        }
        return "other";
    }
}
