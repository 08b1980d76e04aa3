package dev.morganbuild.engine.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Resolves a build secret against the top-level {@code secrets:} section. A secret file must lie in
 * the project or in a folder of {@code MORGAN_SECRET_DIRS} (see {@link ProjectPaths#secretFile}); only
 * its path is kept.
 */
final class SecretResolver {
    private SecretResolver() {
    }

    static BuildSecret resolve(ComposeYaml y, MappingNode topSecrets, Path composeDir, ProjectPaths paths,
                               List<Path> secretDirs, Node at, String source, String id) {
        ComposeYaml.Entry def = topSecrets == null ? null : y.find(topSecrets, source);
        if (def == null) {
            List<String> known = new ArrayList<>();
            if (topSecrets != null) {
                y.entries(topSecrets).forEach(e -> known.add(e.key()));
            }
            throw y.error(at, "build secret '" + source + "' is not defined in the top-level secrets: section",
                    known.isEmpty() ? "add secrets:\n    " + source + ":\n      file: ./path/to/secret (or environment: VAR)"
                            : "defined secrets are: " + String.join(", ", known));
        }
        MappingNode m = y.mapping(def.value(), "secrets." + source, "write e.g. " + source + ": {file: ./secret.txt}");
        Node file = y.get(m, "file");
        Node envVar = y.get(m, "environment");
        if (y.get(m, "external") != null) {
            throw y.error(y.find(m, "external").keyNode(), "external secret '" + source + "' cannot be used for a build",
                    "use file: or environment: for build secrets");
        }
        if ((file == null) == (envVar == null)) {
            throw y.error(def.keyNode(), "secret '" + source + "' needs exactly one of file: or environment:",
                    "write " + source + ": {file: ./path} or " + source + ": {environment: VAR_NAME}");
        }
        if (file != null) {
            String raw = y.string(file, "secrets." + source + ".file");
            return new BuildSecret(id, paths.secretFile(file, composeDir, raw, source, secretDirs).toString(), null);
        }
        return new BuildSecret(id, null, y.string(envVar, "secrets." + source + ".environment"));
    }
}
