package dev.morganbuild.jenkins.steps;

import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.job.StackRequest;
import dev.morganbuild.jenkins.agent.PipelineEnvironment;
import dev.morganbuild.jenkins.config.BuildArgs;
import dev.morganbuild.jenkins.config.FormValues;
import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import dev.morganbuild.jenkins.config.MorganNodeProperty;
import hudson.model.Node;
import hudson.model.Run;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agent needs to plan or build, as JDK types only: it travels to the agent inside a
 * callable, so it must pass the remoting class filter (JEP-200) without engine classes.
 */
final class AgentRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    String composeFile;
    ArrayList<String> composeFiles = new ArrayList<>();
    ArrayList<String> profiles = new ArrayList<>();
    ArrayList<String> envFiles = new ArrayList<>();
    String selection;
    boolean noCache;
    boolean nightly;
    String cacheMounts;
    String target;
    LinkedHashMap<String, String> buildArgs = new LinkedHashMap<>();
    ArrayList<String> tags = new ArrayList<>();
    String cacheRoot;
    Long budgetBytes;
    String dockerExecutable;
    String backend;
    String builder;
    String gpuLabel;
    String cpuLabel;
    String nodeName;
    ArrayList<String> nodeLabels = new ArrayList<>();
    boolean labelMismatchWarnOnly;
    String runId;
    boolean smokeTest;
    int parallelism = 1;
    LinkedHashMap<String, String> env = new LinkedHashMap<>();

    static AgentRequest of(MorganBuildStep step, MorganGlobalConfiguration config, Node node, Map<String, String> env,
                           boolean nightly, Run<?, ?> run) {
        AgentRequest r = base(config, node, env, run);
        r.composeFile = step.getComposeFile();
        r.composeFiles.addAll(step.getComposeFiles());
        r.profiles.addAll(step.getProfiles());
        r.envFiles.addAll(step.getEnvFile());
        r.selection = step.getService();
        r.noCache = step.isNoCache();
        r.nightly = nightly;
        r.cacheMounts = FormValues.blankTo(step.getCacheMounts(), config.getNightlyCacheMounts());
        r.target = step.getTarget();
        r.buildArgs.putAll(BuildArgs.toMap(step.getBuildArgs()));
        r.tags.addAll(step.getTags());
        r.smokeTest = step.isSmokeTest();
        r.parallelism = step.getParallelism();
        if (!step.getCacheDir().isEmpty()) {
            r.cacheRoot = step.getCacheDir();
        }
        return r;
    }

    /** {@code env}: the variables compose may read, see {@link PipelineEnvironment}. */
    static AgentRequest base(MorganGlobalConfiguration config, Node node, Map<String, String> env, Run<?, ?> run) {
        AgentRequest r = new AgentRequest();
        r.cacheRoot = MorganNodeProperty.cacheRootFor(node, config);
        r.budgetBytes = config.getCacheBudget().isBlank() ? null : ByteSize.parse(config.getCacheBudget());
        r.dockerExecutable = config.getDockerExecutable();
        r.backend = config.getBackend();
        r.builder = config.getBuilderName();
        r.gpuLabel = config.getGpuLabel();
        r.cpuLabel = config.getCpuLabel();
        r.nodeName = node == null ? "built-in" : node.getNodeName().isEmpty() ? "built-in" : node.getNodeName();
        r.nodeLabels.addAll(MorganBuildExecution.labels(node));
        r.labelMismatchWarnOnly = config.isLabelMismatchWarnOnly();
        r.runId = run.getExternalizableId();
        // what the Pipeline set (withCredentials for environment: secrets, withEnv, parameters), never the agent
        // process's own variables (PipelineEnvironment); docker inherits those as a child of the agent process.
        // The request lives only for this call: never stored in build.xml.
        r.env.putAll(env);
        return r;
    }

    /**
     * The engine's request for this step, with the workspace's path on the agent. What the step leaves
     * open (cache root, docker client) the agent's own environment decides when the job runs there.
     */
    StackRequest toEngine(String workspace) {
        Map<String, String> composeEnv = new LinkedHashMap<>(env);
        String dirs = secretDirs(workspace, env);
        if (!dirs.isEmpty()) {
            composeEnv.merge("MORGAN_SECRET_DIRS", dirs, (mine, added) -> mine + java.io.File.pathSeparator + added);
        }
        Path ws = Path.of(workspace);
        List<Path> files = new ArrayList<>();
        for (String f : composeFiles.isEmpty() ? List.of(composeFile == null || composeFile.isBlank()
                ? "docker-compose.yml" : composeFile) : composeFiles) {
            files.add(ws.resolve(f));
        }
        return StackRequest.builder()
                .workingDir(ws)
                .composeFiles(files)
                .envFiles(envFiles.stream().map(ws::resolve).toList())
                .profiles(profiles)
                .trustRoot(ws)
                .env(composeEnv)
                .selection(selection)
                .noCache(noCache)
                .nightly(nightly)
                .cacheMounts(dev.morganbuild.engine.record.CacheMountPolicy.parse(cacheMounts, "cacheMounts"))
                .target(target)
                .buildArgs(buildArgs)
                .tags(tags)
                .cacheRoot(cacheRoot == null || cacheRoot.isBlank() ? null : Path.of(cacheRoot))
                .noHistory()
                .cacheBudgetBytes(budgetBytes)
                .docker(dockerExecutable != null && !dockerExecutable.isBlank() ? dockerExecutable : null)
                .backend(backend)
                .builderName(builder)
                .labels(gpuLabel, cpuLabel)
                .node(nodeName)
                .runId(runId)
                .smokeTest(smokeTest)
                .parallelism(Math.max(1, parallelism))
                .limitCompose(true) // the compose file comes with the branch: no paths outside the cache root, no budget
                .build();
    }

    /**
     * The folders secret files may come from besides the checkout: those of the files the build's credential
     * bindings wrote. {@code withCredentials(file(...))} and its kin write each file to its own folder under
     * the workspace's {@code @tmp} and set a variable to its path; only those folders qualify, not the whole
     * {@code @tmp}, which also holds other steps' files.
     */
    static String secretDirs(String workspace, Map<String, String> pipelineEnv) {
        String tmp = workspace + "@tmp" + java.io.File.separator;
        java.util.Set<String> dirs = new java.util.LinkedHashSet<>();
        for (String v : pipelineEnv.values()) {
            if (v != null && v.startsWith(tmp) && !v.contains("..")) {
                Path parent = Path.of(v).getParent();
                if (parent != null && parent.toString().length() >= tmp.length()) {
                    dirs.add(parent.toString());
                }
            }
        }
        return String.join(java.io.File.pathSeparator, dirs);
    }
}
