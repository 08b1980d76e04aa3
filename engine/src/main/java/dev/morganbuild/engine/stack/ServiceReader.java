package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.dockerfile.DockerfileInfo;
import dev.morganbuild.engine.dockerfile.ImageReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Reads one buildable service: its {@code x-morgan} settings, its build section, its Dockerfile (the
 * target must be a stage of it; a remote context's own Dockerfile is not read) and whether it needs a GPU.
 */
final class ServiceReader {
    private final ComposeYaml y;
    private final Path project;
    private final MorganSettingsReader settingsReader;
    private final MorganSettings defaults;
    private final BuildSectionReader buildReader;
    private final GpuDetector gpuDetector;
    private final String projectName;
    private final java.util.Map<String, String> env;

    ServiceReader(ComposeYaml y, Path project, MorganSettingsReader settingsReader, MorganSettings defaults,
                  BuildSectionReader buildReader, String projectName, java.util.Map<String, String> env) {
        this.env = env;
        this.y = y;
        this.project = project;
        this.settingsReader = settingsReader;
        this.defaults = defaults;
        this.buildReader = buildReader;
        this.gpuDetector = new GpuDetector(y);
        this.projectName = projectName;
    }

    Service read(String name, MappingNode svc, ComposeYaml.Entry key, List<String> dependsOn) {
        String at = "services." + name;
        MorganSettings settings = settingsReader.read(y.get(svc, "x-morgan"), at + ".x-morgan").over(defaults);
        if ("registry".equals(settings.cacheMode()) && settings.cacheRef() == null) {
            throw y.error(key.keyNode(), "service '" + name + "' uses cache mode registry without a cache ref",
                    "add x-morgan: {cache: {ref: registry.example.com/cache/" + name + ":buildcache}}");
        }
        String defaultTag = projectName + "-" + name.toLowerCase(Locale.ROOT);
        BuildSectionReader.Result build = buildReader.read(name, y.get(svc, "build"), y.get(svc, "image"), defaultTag);
        BuildSpec spec = build.spec();
        if (spec.tags().contains(defaultTag) && !ImageReference.isValid(defaultTag)) {
            // compose names the image <project>-<service> when the service gives none
            throw y.error(key.keyNode(), "service '" + name + "' has no image: and its default image "
                            + "name '" + abbreviate(defaultTag) + "' " + ImageReference.problem(defaultTag),
                    "add image: <name>:<tag> to the service, or give it a shorter name of lower-case letters, "
                            + "digits and single '.', '_' or '-' between them");
        }
        if (spec.dockerfile() == null) { // a remote context's own Dockerfile: BuildKit reads it, morgan cannot
            GpuRequirement gpu = gpuDetector.detect(name, svc, settings, null, spec.target(), spec.remote().url(),
                    spec.additionalContexts());
            return new Service(name, spec, withContextServices(dependsOn, spec), gpu, settings, ComposeYaml.line(key.keyNode()));
        }
        DockerfileInfo dockerfile = DockerfileInfo.parse(spec.dockerfile(), spec.args(),
                dev.morganbuild.engine.dockerfile.BuildPlatform.target(spec.platforms(), env));
        String dockerfileName = spec.dockerfile().startsWith(project) ? project.relativize(spec.dockerfile()).toString()
                : "the dockerfile_inline of " + name;
        if (spec.target() != null && !dockerfile.hasStage(spec.target())) {
            List<String> stages = dockerfile.stageNames();
            throw y.error(build.target().keyNode(), "target '" + spec.target() + "' is not a stage of "
                    + dockerfileName, stages.isEmpty()
                    ? "the Dockerfile has no named stages: add AS <name> to a FROM line, or remove target"
                    : "set target to one of: " + String.join(", ", stages));
        }
        GpuRequirement gpu = gpuDetector.detect(name, svc, settings, dockerfile, spec.target(), dockerfileName,
                spec.additionalContexts());
        return new Service(name, spec, withContextServices(dependsOn, spec), gpu, settings, ComposeYaml.line(key.keyNode()));
    }

    /** Compose builds a service named by a service: additional context first, as if depended on. */
    private static List<String> withContextServices(List<String> dependsOn, BuildSpec spec) {
        List<String> deps = new java.util.ArrayList<>(dependsOn);
        spec.contextServices().stream().filter(s -> !deps.contains(s)).forEach(deps::add);
        return deps;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 60) + "... (" + s.length() + " characters)";
    }
}
