package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.dockerfile.CommandWords;
import dev.morganbuild.engine.dockerfile.ImageReference;
import dev.morganbuild.engine.record.CacheMountPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads an {@code x-morgan} mapping (top level or per service) into {@link MorganSettings}. */
final class MorganSettingsReader {
    static final List<String> KEYS = List.of("gpu", "node-label", "gpu-label", "cpu-label", "cache",
            "smoke-test", "nightly", "budget", "gpu-images");
    static final List<String> CACHE_KEYS = List.of("mode", "ref", "budget");
    static final List<String> NIGHTLY_KEYS = List.of("cache-mounts");
    private static final Set<String> CACHE_MODES = Set.of("local", "registry", "inline", "none");

    private final ComposeYaml y;

    MorganSettingsReader(ComposeYaml y) {
        this.y = y;
    }

    /** The settings in {@code node} ({@code where} is e.g. "x-morgan" or "services.tts.x-morgan"). */
    MorganSettings read(Node node, String where) {
        if (node == null || ComposeYaml.isNull(node)) {
            return MorganSettings.EMPTY;
        }
        MappingNode map = y.mapping(node, where, "write x-morgan as a mapping, e.g. x-morgan: {gpu: true}");
        Boolean gpu = null;
        String nodeLabel = null;
        String gpuLabel = null;
        String cpuLabel = null;
        String cacheMode = null;
        String cacheRef = null;
        Long cacheBudget = null;
        List<String> smoke = null;
        CacheMountPolicy nightly = null;
        Long budget = null;
        List<String> gpuImages = null;
        for (ComposeYaml.Entry e : y.entries(map)) {
            Node v = e.value();
            String key = where + "." + e.key();
            switch (checkKey(e, where, KEYS)) {
                case "gpu" -> gpu = bool(v, key);
                case "node-label" -> nodeLabel = label(v, key);
                case "gpu-label" -> gpuLabel = label(v, key);
                case "cpu-label" -> cpuLabel = label(v, key);
                case "smoke-test" -> smoke = smokeTest(v, key);
                case "budget" -> budget = unit(v, key, Units::parseDuration, "90s, 10m, 1h30m or 600");
                case "gpu-images" -> gpuImages = gpuImages(e, where);
                case "nightly" -> {
                    for (ComposeYaml.Entry n : y.entries(y.mapping(v, key, "e.g. nightly: {cache-mounts: keep}"))) {
                        checkKey(n, key, NIGHTLY_KEYS);
                        nightly = mountPolicy(n.value(), key + ".cache-mounts");
                    }
                }
                default -> {
                    MappingNode cache = y.mapping(v, key, "e.g. cache: {mode: local, budget: 4GiB}");
                    for (ComposeYaml.Entry c : y.entries(cache)) {
                        String ckey = key + "." + c.key();
                        switch (checkKey(c, key, CACHE_KEYS)) {
                            case "mode" -> cacheMode = cacheMode(c.value(), ckey);
                            case "ref" -> cacheRef = cacheRef(c.value(), ckey);
                            default -> cacheBudget = unit(c.value(), ckey, Units::parseSize, "4GiB, 500MB or 1073741824");
                        }
                    }
                }
            }
        }
        return new MorganSettings(gpu, nodeLabel, gpuLabel, cpuLabel, cacheMode, cacheRef, cacheBudget,
                smoke, nightly, budget, gpuImages);
    }

    /** {@code gpu-images}: a list of image globs, top level only (it extends the rules for the whole project). */
    private List<String> gpuImages(ComposeYaml.Entry e, String where) {
        if (!where.equals("x-morgan")) {
            throw y.error(e.keyNode(), where + ".gpu-images is a project setting",
                    "move gpu-images to the top-level x-morgan, or set x-morgan: {gpu: true} on this service");
        }
        List<String> out = new java.util.ArrayList<>();
        for (ComposeValues.Value v : ComposeValues.strings(y, e.value(), where + ".gpu-images")) {
            String glob = v.text().strip();
            String probe = glob.replace('*', 'a').replace('?', 'a').toLowerCase(Locale.ROOT);
            if (glob.isEmpty() || !ImageReference.isValid(probe)) {
                throw y.error(v.node(), where + ".gpu-images entry '" + glob + "' is not an image pattern",
                        "write image references with * and ? wildcards, e.g. gpu-images: [\"myorg/trainer:*\", \"registry.example.com/ml/*\"]");
            }
            out.add(glob);
        }
        return out;
    }

    private String checkKey(ComposeYaml.Entry e, String where, List<String> valid) {
        if (!valid.contains(e.key())) {
            throw y.error(e.keyNode(), "unknown key '" + e.key() + "' in " + where,
                    "valid keys are: " + String.join(", ", valid));
        }
        return e.key();
    }

    private Boolean bool(Node v, String key) {
        String s = y.string(v, key).toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.valueOf(s);
        }
        throw y.error(v, key + " must be true or false, got '" + s + "'",
                "write " + key.substring(key.lastIndexOf('.') + 1) + ": true, or false");
    }

    private String label(Node v, String key) {
        String s = y.string(v, key).strip();
        if (s.isEmpty() || s.indexOf('\n') >= 0) {
            throw y.error(v, key + " must be a one-line Jenkins label expression",
                    "write e.g. " + key.substring(key.lastIndexOf('.') + 1) + ": gpu && linux");
        }
        return s;
    }

    private List<String> smokeTest(Node v, String key) {
        if (v instanceof SequenceNode) {
            return ComposeValues.strings(y, v, key).stream().map(ComposeValues.Value::text).toList();
        }
        try {
            return List.copyOf(CommandWords.split(y.string(v, key)));
        } catch (IllegalArgumentException e) {
            throw y.error(v, key + ": " + e.getMessage(),
                    "close the quote, or write the command as a list: [\"python3\", \"-m\", \"app\"]");
        }
    }

    private Long unit(Node v, String key, Function<String, Long> parser, String examples) {
        try {
            return parser.apply(y.string(v, key));
        } catch (IllegalArgumentException e) {
            throw y.error(v, key + ": " + e.getMessage(), "write e.g. " + examples);
        }
    }

    private String cacheMode(Node v, String key) {
        String s = y.string(v, key).strip().toLowerCase(Locale.ROOT);
        if (!CACHE_MODES.contains(s)) {
            throw y.error(v, key + " must be one of local, registry, inline, none; got '" + s + "'",
                    "use mode: local for a per-agent cache directory, registry with a ref, inline, or none");
        }
        return s;
    }

    private String cacheRef(Node v, String key) {
        String s = y.string(v, key).strip();
        if (!ImageReference.isValid(s)) {
            throw y.error(v, key + " '" + s + "' " + ImageReference.problem(s),
                    "use an image reference, e.g. ref: registry.example.com/cache/app:buildcache");
        }
        return s;
    }

    private CacheMountPolicy mountPolicy(Node v, String key) {
        String s = y.string(v, key).strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "keep" -> CacheMountPolicy.KEEP;
            case "drop" -> CacheMountPolicy.DROP;
            default -> throw y.error(v, key + " must be keep or drop, got '" + s + "'",
                    "keep: nightly builds rebuild layers but keep apt/pip cache mounts; drop: start them empty");
        };
    }
}
