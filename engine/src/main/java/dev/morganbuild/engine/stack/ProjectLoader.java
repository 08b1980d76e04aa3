package dev.morganbuild.engine.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Reads a compose project's files into one merged model, file by file as Compose does: read and
 * interpolate, add what it includes, resolve its {@code extends}, merge it onto the files before it.
 */
final class ProjectLoader {
    private final ComposeYaml y;
    private final ProjectPaths paths;
    private final IncludeLoader includes;

    ProjectLoader(ComposeYaml y, ProjectPaths paths) {
        this.y = y;
        this.paths = paths;
        this.includes = new IncludeLoader(y, paths, this);
    }

    /**
     * @param baseDir   the folder the files' relative paths start from (their project directory)
     * @param including the files of the includes that led here (for cycles)
     */
    MappingNode load(List<Path> files, Path baseDir, Map<String, String> fileEnv, List<Path> including) {
        ComposeMerge merge = new ComposeMerge(y);
        ExtendsResolver extendsResolver = new ExtendsResolver(y, paths, fileEnv);
        MappingNode merged = null;
        for (Path f : files) {
            MappingNode root = y.add(f, fileEnv);
            root = includes.apply(root, baseDir, fileEnv, including);
            root = extendsResolver.resolve(f, root, baseDir);
            merged = merged == null ? root : merge.top(merged, root);
        }
        return merged;
    }
}
