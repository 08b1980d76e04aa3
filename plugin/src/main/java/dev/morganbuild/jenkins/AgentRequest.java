package dev.morganbuild.jenkins;

import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.job.StackRequest;
import hudson.EnvVars;
import hudson.model.Node;
import hudson.model.Run;
import java.io.Serializable;
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

    static AgentRequest of(MorganBuildStep step, MorganGlobalConfiguration config, Node node, EnvVars env,
                           boolean nightly, Run<?, ?> run) {
        AgentRequest r = base(config, node, env, run);
        r.composeFile = step.getComposeFile();
        r.selection = step.getService();
        r.noCache = step.isNoCache();
        r.nightly = nightly;
        r.cacheMounts = MorganBuildStep.blankTo(step.getCacheMounts(), config.getNightlyCacheMounts());
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

    static AgentRequest base(MorganGlobalConfiguration config, Node node, EnvVars env, Run<?, ?> run) {
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
        // the engine on the agent sees the build's whole environment, as an `sh` step does: docker gets
        // DOCKER_HOST and the variables withCredentials binds (environment: secrets), and ${VAR} in the
        // compose file is read from it. The request lives only for this call: never stored in build.xml.
        r.env.putAll(env);
        return r;
    }

    /** Called on the agent, with the workspace's path there: the engine's request for this step. */
    StackRequest toEngine(String workspace) {
        // withCredentials(file(...)) writes secret files to the workspace's @tmp folder (WorkspaceList.tempDir),
        // outside the checkout: secret files may come from there too
        Map<String, String> agentEnv = new LinkedHashMap<>(System.getenv());
        agentEnv.putAll(env);
        String tmp = workspace + "@tmp";
        agentEnv.merge("MORGAN_SECRET_DIRS", tmp, (mine, added) -> mine + java.io.File.pathSeparator + added);
        java.nio.file.Path ws = java.nio.file.Path.of(workspace);
        return StackRequest.builder()
                .workingDir(ws)
                .composeFile(ws.resolve(composeFile == null || composeFile.isBlank() ? "docker-compose.yml" : composeFile))
                .trustRoot(ws)
                .env(agentEnv)
                .selection(selection)
                .noCache(noCache)
                .nightly(nightly)
                .cacheMounts(dev.morganbuild.engine.record.CacheMountPolicy.parse(cacheMounts, "cacheMounts"))
                .target(target)
                .buildArgs(buildArgs)
                .tags(tags)
                .cacheRoot(cacheRoot == null || cacheRoot.isBlank() ? null : java.nio.file.Path.of(cacheRoot))
                .noHistory()
                .cacheBudgetBytes(budgetBytes)
                .docker(dockerExecutable)
                .backend(backend)
                .builderName(builder)
                .labels(gpuLabel, cpuLabel)
                .node(nodeName)
                .runId(runId)
                .smokeTest(smokeTest)
                .parallelism(Math.max(1, parallelism))
                .build();
    }
}
