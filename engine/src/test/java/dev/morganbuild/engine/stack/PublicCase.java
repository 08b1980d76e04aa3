package dev.morganbuild.engine.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * One case of the public corpus ({@code compose-public/<owner>-<repo>/case[-<variant>].properties}):
 * a {@link CorpusCase} plus what the public projects need on top of the hand-written corpus.
 *
 * <ul>
 *   <li>The normal form also holds each service's buildable {@code dependsOn} and its {@code gpu}
 *       decision. From {@code docker-compose config} the GPU decision is Docker's: a device request
 *       with {@code driver: nvidia}, or without a driver and with capabilities all of the NVIDIA
 *       driver's ({@code gpu}, {@code nvidia}, {@code compute}, {@code utility}...), or the CDI driver
 *       with an {@code nvidia.com/gpu} device; {@code runtime: nvidia}; {@code gpus}. Services a CUDA
 *       base image makes GPU services are listed in {@code gpuByImage} (1.29 does not read
 *       Dockerfiles).</li>
 *   <li>{@code compat.drop}: keys docker-compose 1.29 refuses that do not change what is built
 *       ({@code name}, {@code services.*.develop}, {@code services.*.env_file}...), removed from the
 *       copy 1.29 reads only. The copy is the file loaded and written back, anchors and merge keys
 *       resolved, so the rest reads the same.</li>
 * </ul>
 */
record PublicCase(CorpusCase base, Path propsFile, Set<String> gpuByImage, List<List<String>> compatDrop) {
    private static final Set<String> NVIDIA_CAPABILITIES = Set.of("gpu", "nvidia", "compute", "compat32", "graphics",
            "utility", "video", "display");

    static PublicCase of(Path root, Path propsFile) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(propsFile)) {
            p.load(in);
        }
        List<List<String>> drop = new ArrayList<>();
        for (String d : split(p.getProperty("compat.drop"))) {
            drop.add(List.of(d.split("\\.")));
        }
        return new PublicCase(CorpusCase.of(root, p), propsFile, new TreeSet<>(split(p.getProperty("gpuByImage"))), drop);
    }

    private static List<String> split(String v) {
        return v == null || v.isBlank() ? List.of() : List.of(v.strip().split("\\s*,\\s*"));
    }

    /** {@code case.properties} is the project's main case, {@code case-x.properties} its variant x. */
    String variant() {
        String f = propsFile.getFileName().toString();
        return f.equals("case.properties") ? "" : f.substring("case-".length(), f.length() - ".properties".length());
    }

    Path expectedFile() {
        return propsFile.resolveSibling(variant().isEmpty() ? "expected.yml" : "expected-" + variant() + ".yml");
    }

    /** morgan's stack in the public corpus's normal form. */
    static Map<String, Object> normalise(Path root, Stack stack) {
        Map<String, Object> out = CorpusCase.normalise(root, stack);
        @SuppressWarnings("unchecked")
        Map<String, Object> services = (Map<String, Object>) out.get("services");
        stack.services().forEach((name, s) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) services.get(name);
            m.put("dependsOn", new ArrayList<>(new TreeSet<>(s.dependsOn())));
            m.put("gpu", s.gpu().required());
        });
        return out;
    }

    /** docker-compose config's output in the same form. */
    @SuppressWarnings("unchecked")
    Map<String, Object> fromCompose(Path root, Map<String, Object> config) {
        Map<String, Object> out = base.fromCompose(root, config);
        Map<String, Object> services = (Map<String, Object>) out.get("services");
        Map<String, Object> all = (Map<String, Object>) config.getOrDefault("services", Map.of());
        services.forEach((name, v) -> {
            Map<String, Object> m = (Map<String, Object>) v;
            Map<String, Object> svc = (Map<String, Object>) all.get(name);
            m.put("dependsOn", new ArrayList<>(buildableDeps(name, all, services.keySet(), new LinkedHashSet<>())));
            m.put("gpu", gpuByImage.contains(name) || asksForGpu(svc));
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> buildableDeps(String name, Map<String, Object> all, Set<String> buildable, Set<String> seen) {
        Set<String> out = new TreeSet<>();
        Object d = ((Map<String, Object>) all.get(name)).get("depends_on");
        List<String> deps = d instanceof Map<?, ?> m ? m.keySet().stream().map(String::valueOf).toList()
                : new ArrayList<>(ComposeDifferentialIT.set(d));
        for (String dep : deps) {
            if (buildable.contains(dep)) {
                out.add(dep);
            } else if (seen.add(dep)) {
                out.addAll(buildableDeps(dep, all, buildable, seen));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static boolean asksForGpu(Map<String, Object> svc) {
        if ("nvidia".equals(svc.get("runtime")) || svc.get("gpus") != null) {
            return true;
        }
        Object devices = dig(svc, "deploy", "resources", "reservations", "devices");
        if (!(devices instanceof List<?> list)) {
            return false;
        }
        for (Object o : list) {
            Map<String, Object> dev = (Map<String, Object>) o;
            String driver = String.valueOf(dev.getOrDefault("driver", "")).toLowerCase(Locale.ROOT);
            Set<String> caps = new TreeSet<>(ComposeDifferentialIT.set(dev.get("capabilities")));
            boolean cdiNvidia = ComposeDifferentialIT.set(dev.get("device_ids")).stream().anyMatch(i -> i.startsWith("nvidia.com/gpu"));
            if (driver.equals("nvidia") || (driver.isEmpty() && !caps.isEmpty() && NVIDIA_CAPABILITIES.containsAll(caps))
                    || (driver.equals("cdi") && cdiNvidia)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Object dig(Map<String, Object> m, String... keys) {
        Object o = m;
        for (String k : keys) {
            if (!(o instanceof Map<?, ?>)) {
                return null;
            }
            o = ((Map<String, Object>) o).get(k);
        }
        return o;
    }

    /** Removes the {@code compat.drop} keys from the compose files 1.29 reads (in the case's copy). */
    void writeCompatCopies(Path root) throws IOException {
        if (compatDrop.isEmpty()) {
            return;
        }
        List<Path> files = new ArrayList<>();
        Path dir = root.resolve(base.dir());
        base.files().forEach(f -> files.add(dir.resolve(f)));
        if (files.isEmpty()) {
            for (String n : List.of("docker-compose.yml", "docker-compose.yaml")) {
                if (Files.isRegularFile(dir.resolve(n))) {
                    files.add(dir.resolve(n));
                    break;
                }
            }
        }
        for (Path f : new ArrayList<>(files)) {
            files.addAll(extendedFiles(f));
        }
        for (Path f : new LinkedHashSet<>(files)) {
            Map<String, Object> doc = ComposeDifferentialIT.load(Files.readString(f));
            compatDrop.forEach(path -> drop(doc, path, 0));
            DumperOptions o = new DumperOptions();
            o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            Files.writeString(f, new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(o), o).dump(doc));
        }
    }

    /** Files named by {@code extends.file} (1.29 reads them too). */
    @SuppressWarnings("unchecked")
    private static List<Path> extendedFiles(Path f) throws IOException {
        List<Path> out = new ArrayList<>();
        Map<String, Object> doc = ComposeDifferentialIT.load(Files.readString(f));
        Object services = doc.get("services");
        if (services instanceof Map<?, ?> m) {
            for (Object s : m.values()) {
                if (s instanceof Map<?, ?> svc && svc.get("extends") instanceof Map<?, ?> ext && ext.get("file") != null) {
                    out.add(f.resolveSibling(String.valueOf(ext.get("file"))));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void drop(Object node, List<String> path, int i) {
        if (!(node instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> m = (Map<String, Object>) node;
        String key = path.get(i);
        if (i == path.size() - 1) {
            m.remove(key);
            return;
        }
        if (key.equals("*")) {
            m.values().forEach(v -> drop(v, path, i + 1));
        } else {
            drop(m.get(key), path, i + 1);
        }
    }
}
