package dev.morganbuild.jenkins.steps;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.job.AgentJob;
import dev.morganbuild.engine.job.AgentJobMain;
import dev.morganbuild.engine.job.JobFolder;
import dev.morganbuild.engine.job.StackRequest;
import dev.morganbuild.engine.plan.NightlyDecision;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.jenkins.Messages;
import dev.morganbuild.jenkins.agent.AgentRuntime;
import dev.morganbuild.jenkins.agent.DetachedJob;
import dev.morganbuild.jenkins.agent.PipelineEnvironment;
import dev.morganbuild.jenkins.agent.RegistryCredentials;
import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import dev.morganbuild.jenkins.model.MorganBuildAction;
import dev.morganbuild.jenkins.model.ServiceSummary;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.labels.LabelAtom;
import hudson.remoting.VirtualChannel;
import hudson.slaves.WorkspaceList;
import hudson.util.ArgumentListBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs {@link MorganBuildStep} the way Pipeline's {@code sh} runs a script: durably. {@link #start()}
 * writes the job to a folder in the workspace's {@code @tmp} on the agent and starts, through the step
 * context's {@link Launcher} (so {@code container()} and other launcher decorators apply), a detached
 * engine process that builds it ({@link JobFolder}, {@link AgentJobMain}); then it returns. A timer
 * polls the folder, copies the log to the build log and, once the process has ended, reads its records.
 * The docker build needs no connection: a controller restart or an agent reconnect leaves it running,
 * and after the restart {@link #onResume()} polls the same folder again. An abort ({@link #stop})
 * stops the process and its docker build, and its whole process tree, before the step reports it.
 *
 * <p>The fields are this execution's saved state (program.dat): names and paths only, never secrets.
 */
final class MorganBuildExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(MorganBuildExecution.class.getName());
    /** First poll soon (a warm build takes a second), then less often. */
    private static final long MIN_POLL_MILLIS = 100;
    private static final long MAX_POLL_MILLIS = 2000;
    /** How long the step waits for a disconnected agent to come back before it gives up on the build. */
    static final Duration OFFLINE_LIMIT = Duration.ofMinutes(30);
    /** How long an aborted build has to stop its docker build before its processes are killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** Polls stay quick this long: most warm builds end within it, and each poll is one short remoting call. */
    static final Duration QUICK_POLLS = Duration.ofSeconds(5);

    private final transient MorganBuildStep step;
    private final String service;
    /** The node's name, "" for the built-in node. */
    private String node;
    /** The node's name as the messages show it. */
    private String nodeShown;
    /** The job's folder on the agent, set once the process has started. */
    private String folder;
    /** How much of the process's log is in the build log. */
    private long offset;
    /** The agent's class-data archive for this job's java and class path. */
    private String archive;
    private boolean push;

    private transient volatile long pollMillis;
    /** When this execution began to follow the process (start or resume), for {@link #QUICK_POLLS}. */
    private transient volatile long followingSince;
    private transient volatile long offlineSince;
    private transient AtomicBoolean ended;

    MorganBuildExecution(MorganBuildStep step, StepContext context) {
        super(context);
        this.step = step;
        this.service = step.getService();
    }

    private AtomicBoolean ended() {
        synchronized (this) {
            if (ended == null) {
                ended = new AtomicBoolean();
            }
            return ended;
        }
    }

    @Override
    public boolean start() throws Exception {
        StepContext ctx = getContext();
        Run<?, ?> run = ctx.get(Run.class);
        TaskListener listener = ctx.get(TaskListener.class);
        FilePath workspace = ctx.get(FilePath.class);
        EnvVars env = ctx.get(EnvVars.class);
        Node n = ctx.get(Node.class);
        Launcher launcher = ctx.get(Launcher.class);
        MorganGlobalConfiguration config = MorganGlobalConfiguration.get();
        push = step.isPush();
        AgentRouting.release(run, service); // a morganRoute claim on this node's executor is taken up now
        try {
            boolean timer = NightlyCause.isTimer(run);
            boolean nightly = NightlyDecision.isNightly(NightlyDecision.Mode.parse(step.getNightly()),
                    jobParameter(run, "MORGAN_NIGHTLY"), timer);
            if (nightly) {
                listener.getLogger().println(timer ? Messages.Log_NightlyTimer() : Messages.Log_Nightly());
            }
            Map<String, String> composeEnv = PipelineEnvironment.of(env, n, config);
            AgentRequest request = AgentRequest.of(step, config, n, composeEnv, nightly, run);
            node = n == null ? "" : n.getNodeName();
            nodeShown = request.nodeName;
            StackRequest engineRequest = request.toEngine(workspace.getRemote()).toBuilder().push(push).build();
            AgentJob agentJob = AgentJob.of(engineRequest, composeEnv.keySet(), request.nodeLabels,
                    request.labelMismatchWarnOnly, true);
            EnvVars launchEnv = new EnvVars(env);
            if (push && !step.getCredentialsId().isEmpty()) {
                // the engine logs in with a private DOCKER_CONFIG for this build; the credential reaches its
                // process as environment, as withCredentials hands it to sh, never through a file or argv
                agentJob = agentJob.withLogin(RegistryCredentials.bind(step.getCredentialsId(), step.getRegistryUrl(),
                        run, launchEnv));
            }
            String job = agentJob.toJson();
            FilePath tmp = WorkspaceList.tempDir(workspace);
            if (tmp == null || n == null || n.getRootPath() == null) {
                throw new AbortException(Messages.Step_NoTmpFolder(workspace.getRemote()));
            }
            FilePath dir = tmp.child("morgan-" + UUID.randomUUID().toString().substring(0, 12));
            FilePath lib = n.getRootPath().child("caches").child("morgan-build").child("lib");
            List<AgentRuntime.Jar> jars = AgentRuntime.jars();
            String javaOverride = env.get("MORGAN_JAVA");
            DetachedJob.Prepared prepared = dir.act(new DetachedJob.Prepare(job, lib.getRemote(),
                    jars.stream().map(AgentRuntime.Jar::agentName).toList(),
                    javaOverride == null || javaOverride.isBlank() ? null : javaOverride.strip()));
            String classPath = AgentRuntime.install(lib, jars, prepared.missing());
            archive = prepared.archive();
            List<String> command = new ArrayList<>(List.of(prepared.java()));
            command.addAll(AgentRuntime.JVM_OPTIONS);
            // the build's scratch folder (its Dockerfile copies, a push's private DOCKER_CONFIG) inside the job's
            // folder, which an abort deletes after it has stopped the process tree, however long docker took
            command.add("-Djava.io.tmpdir=" + dir.child(DetachedJob.TMP).getRemote());
            command.addAll(AgentRuntime.archiveOptions(prepared, dir.getRemote()));
            command.addAll(List.of("-cp", classPath, AgentJobMain.class.getName(), dir.getRemote()));
            int code = launcher.launch().cmds(new ArgumentListBuilder(JobFolder.launchArgv(dir.getRemote(), command)
                            .toArray(new String[0]))).envs(launchEnv).pwd(workspace).quiet(true).stdout(listener).join();
            if (code != 0) {
                throw new AbortException(Messages.Step_CannotStart(nodeShown, code));
            }
            folder = dir.getRemote();
        } catch (MorganException e) {
            // a user error met on the controller (e.g. nightly: 'sometimes'): one clear message, no stack trace
            throw new AbortException(Messages.Step_Error(e.getMessage()));
        }
        pollMillis = MIN_POLL_MILLIS;
        followingSince = System.nanoTime();
        schedule();
        return false;
    }

    private void schedule() {
        Timer.get().schedule(this::check, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** The job's folder through the node's current channel, or null while the agent is not connected. */
    private FilePath folder() {
        Jenkins j = Jenkins.getInstanceOrNull();
        Node n = j == null ? null : node.isEmpty() ? j : j.getNode(node);
        Computer c = n == null ? null : n.toComputer();
        VirtualChannel channel = c == null ? null : c.getChannel();
        return channel == null || folder == null ? null : new FilePath(channel, folder);
    }

    /** One poll: copies new log output and finishes the step once the build process has ended. */
    private void check() {
        if (ended().get()) {
            return;
        }
        try {
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath dir = folder();
            DetachedJob.Status status;
            try {
                status = dir == null ? null : dir.actAsync(new DetachedJob.Poll(offset)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(Level.FINE, "poll of " + folder + " failed", e);
                status = null;
            }
            if (status == null) {
                waitForAgent(listener);
                return;
            }
            if (offlineSince != 0) {
                listener.getLogger().println(Messages.Log_AgentBack(nodeShown, service));
                offlineSince = 0;
            }
            if (status.log().length > 0) {
                listener.getLogger().write(status.log());
                listener.getLogger().flush();
                offset = status.offset();
                saveOffset();
                pollMillis = MIN_POLL_MILLIS;
            } else if (System.nanoTime() - followingSince > QUICK_POLLS.toNanos()) {
                pollMillis = Math.min(MAX_POLL_MILLIS, pollMillis * 3 / 2);
            }
            if (status.exit() != null) {
                DetachedJob.Status last = status;
                if (ended().compareAndSet(false, true)) {
                    Computer.threadPoolForRemoting.submit(() -> finish(last));
                }
                return;
            }
            if (!status.running()) {
                ended().set(true);
                getContext().onFailure(new AbortException(Messages.Step_ProcessGone(service, nodeShown, folder)));
                return;
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "morgan-build: could not follow " + folder, e);
        }
        schedule();
    }

    private void waitForAgent(TaskListener listener) {
        long now = System.currentTimeMillis();
        if (offlineSince == 0) {
            offlineSince = now;
            listener.getLogger().println(Messages.Log_AgentUnreachable(nodeShown, service));
        } else if (now - offlineSince > OFFLINE_LIMIT.toMillis()) {
            ended().set(true);
            getContext().onFailure(new AbortException(Messages.Step_AgentLost(nodeShown, OFFLINE_LIMIT.toMinutes(),
                    service)));
            return;
        }
        pollMillis = MAX_POLL_MILLIS;
        schedule();
    }

    /** The build process has ended: records into the build, then the step's result. */
    private void finish(DetachedJob.Status status) {
        StepContext ctx = getContext();
        try {
            ctx.onSuccess(result(ctx, status));
        } catch (Throwable t) {
            ctx.onFailure(t);
        } finally {
            // an unexplained end keeps its folder (the log) for a look; the rest is in the build
            if (status.records() != null || status.error() != null) {
                cleanUp();
            }
        }
    }

    private Map<String, Object> result(StepContext ctx, DetachedJob.Status status) throws Exception {
        Run<?, ?> run = ctx.get(Run.class);
        TaskListener listener = ctx.get(TaskListener.class);
        List<BuildRecord> records = status.records() == null ? List.of() : JobFolder.records(status.records());
        if (records.isEmpty()) {
            throw new AbortException(noRecord(status));
        }
        MorganBuildAction action = MorganBuildAction.record(run, records);
        MorganGlobalConfiguration config = MorganGlobalConfiguration.get();
        QualityGate.check(run, ctx, listener, service, config);
        BuildRecord record = records.stream().filter(r -> r.service().equals(service)).findFirst()
                .orElseThrow(() -> new AbortException(Messages.Step_NoRecordFor(service)));
        if (!record.succeeded()) {
            throw new AbortException(Messages.Step_ServiceFailed(service, record.error()));
        }
        QualityGate.checkBudget(run, ctx, listener, record);
        // the engine pushed every tag and read each digest from docker's push output for that repository
        String digest = push && !record.pushed().isEmpty() ? record.pushed().get(0) : null;
        if (digest != null) {
            action.setDigest(service, digest);
            run.save();
        }
        return result(record, digest);
    }

    /** Why a process that ended left no record: its refusal, an interruption, or a process that never ran. */
    private String noRecord(DetachedJob.Status status) {
        if (status.error() != null) {
            return Messages.Step_Error(status.error().strip());
        }
        if (status.exit() == JobFolder.INTERRUPTED || status.exit() == 143) {
            return Messages.Step_Interrupted(service, nodeShown);
        }
        return Messages.Step_EndedWithoutRecord(service, nodeShown, String.valueOf(status.exit()), folder);
    }

    private void cleanUp() {
        try {
            java.nio.file.Files.deleteIfExists(offsetFile());
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.log(Level.FINE, "could not delete the log offset of " + folder, e);
        }
        FilePath dir = folder();
        if (dir != null) {
            try {
                dir.act(new DetachedJob.CleanUp(archive));
            } catch (IOException | InterruptedException e) {
                LOG.log(Level.FINE, "could not delete " + folder, e);
            }
        }
    }

    private static Map<String, Object> result(BuildRecord r, String digest) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image", r.tags().isEmpty() ? r.imageId() : r.tags().get(0));
        out.put("imageId", r.imageId());
        out.put("tags", new ArrayList<>(r.tags()));
        out.put("digest", digest);
        out.put("duration", r.durationMillis());
        out.put("stepsCached", r.stepsCached());
        out.put("stepsTotal", r.stepsTotal());
        out.put("kind", ServiceSummary.kindText(r));
        out.put("status", r.status().name());
        return out;
    }

    /**
     * An abort: stops the build process, which stops its docker build; whatever of its process tree is left
     * after {@link #STOP_GRACE} is killed. Only then does the step report the abort.
     */
    @Override
    public void stop(Throwable cause) throws Exception {
        if (!ended().compareAndSet(false, true)) {
            return;
        }
        Computer.threadPoolForRemoting.submit(() -> {
            try {
                TaskListener listener = getContext().get(TaskListener.class);
                FilePath dir = folder();
                if (folder == null) {
                    listener.getLogger().println(Messages.Log_AbortedBeforeStart(service));
                } else if (dir == null) {
                    listener.getLogger().println(Messages.Log_AbortedUnreachable(nodeShown, service));
                } else {
                    int killed = dir.act(new DetachedJob.Stop(STOP_GRACE));
                    listener.getLogger().println(killed > 0
                            ? Messages.Log_AbortedKilled(service, nodeShown, killed, STOP_GRACE.toSeconds())
                            : Messages.Log_Aborted(service, nodeShown));
                    dir.deleteRecursive();
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "morgan-build: stopping " + folder, e);
            } finally {
                getContext().onFailure(cause);
            }
        });
    }

    @Override
    public void onResume() {
        if (folder == null) {
            // the controller stopped between the step's start and its process's start
            getContext().onFailure(new AbortException(Messages.Step_RestartedBeforeStart(service)));
            return;
        }
        try {
            getContext().get(TaskListener.class).getLogger().println(Messages.Log_Resumed(service, nodeShown));
        } catch (IOException | InterruptedException e) {
            LOG.log(Level.FINE, "no listener on resume", e);
        }
        offset = Math.max(offset, savedOffset());
        pollMillis = MIN_POLL_MILLIS;
        followingSince = System.nanoTime();
        schedule();
    }

    /**
     * Where the log offset is kept between saves of the Pipeline's program (which holds this execution
     * only as of its last save): in the build's folder, so that a resumed step does not copy again the
     * log lines the build log already has.
     */
    private java.nio.file.Path offsetFile() throws IOException, InterruptedException {
        Run<?, ?> run = getContext().get(Run.class);
        String id = folder.substring(folder.lastIndexOf('/') + 1);
        return run.getRootDir().toPath().resolve("morgan-build").resolve("log-offset-" + id);
    }

    private void saveOffset() {
        try {
            java.nio.file.Path f = offsetFile();
            java.nio.file.Files.createDirectories(f.getParent());
            java.nio.file.Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            java.nio.file.Files.writeString(tmp, Long.toString(offset), StandardCharsets.UTF_8);
            java.nio.file.Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.log(Level.FINE, "could not save the log offset of " + folder, e);
        }
    }

    private long savedOffset() {
        try {
            java.nio.file.Path f = offsetFile();
            return java.nio.file.Files.exists(f) ? Long.parseLong(java.nio.file.Files.readString(f).strip()) : 0;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public String getStatus() {
        return folder == null ? Messages.MorganBuildExecution_StatusStarting(service)
                : Messages.MorganBuildExecution_StatusFollowing(service, nodeShown, folder, String.valueOf(offset));
    }

    /** A job parameter's value as text, or null when the build has no such parameter. */
    static String jobParameter(Run<?, ?> run, String name) {
        ParametersAction parameters = run.getAction(ParametersAction.class);
        ParameterValue value = parameters == null ? null : parameters.getParameter(name);
        return value == null || value.getValue() == null ? null : value.getValue().toString();
    }

    /** Labels of a node, for the GPU routing check. */
    static List<String> labels(Node node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            for (LabelAtom a : node.getAssignedLabels()) {
                out.add(a.getName());
            }
        }
        return out;
    }
}
