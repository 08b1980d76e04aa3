package dev.morganbuild.engine.job;

import dev.morganbuild.engine.buildkit.ArgvRenderer;
import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.buildkit.BuildRequest;
import dev.morganbuild.engine.buildkit.ProgressParser;
import dev.morganbuild.engine.buildkit.ProgressListener;
import dev.morganbuild.engine.buildkit.RenderedBuild;
import dev.morganbuild.engine.dockerfile.ImageReference;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.id.RandomId;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.record.CacheMountPolicy;
import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.stack.BuildSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one planned service with BuildKit and returns its {@link BuildRecord}: renders the argv,
 * runs docker through the {@link CommandRunner}, parses progress as it streams, and reads the image id.
 * Cache locking and pruning around it are {@link CacheGuard}'s job.
 */
final class ServiceBuild {
    /** A context bigger than this without a .dockerignore earns a warning (the seeds cut 850 MB to 85 MB). */
    static final long LARGE_CONTEXT_BYTES = 50L * 1000 * 1000;
    static final String NIGHTLY_ARG = "MORGAN_NIGHTLY_ID";

    private final BuildRun run;
    private final Backend backend;
    private final CommandRunner runner;
    private final BuildListener listener;
    private final String gitCommit;
    private final String project;
    private final Map<String, String> images;

    /** @param images the first tag of each planned service, for {@code service:} additional contexts */
    ServiceBuild(BuildRun run, CommandRunner runner, BuildListener listener, String gitCommit, String project,
                 Map<String, String> images) {
        this.images = images;
        this.project = project;
        this.run = run;
        this.backend = run.backend();
        this.runner = runner;
        this.listener = listener;
        this.gitCommit = gitCommit;
    }

    BuildRecord run(PlannedService p) throws IOException, InterruptedException {
        long prepareStart = System.nanoTime();
        String id = RandomId.uuid().toString();
        Path scratch = Files.createDirectories(run.workDir().resolve(p.name()));
        Path iid = scratch.resolve("image.iid");
        Files.deleteIfExists(iid);
        Prepared prepared = request(p, scratch, iid);
        BuildRequest request = prepared.request();
        RenderedBuild rendered = ArgvRenderer.render(request, backend, run.docker());
        List<String> warnings = new ArrayList<>(prepared.notes());
        warnings.addAll(rendered.warnings());
        warnings.forEach(w -> listener.message(p.name(), w));
        Command rendered0 = rendered.command().withEnv(run.dockerEnv());
        // secret values are masked wherever build output goes: listener, parser (step names, error
        // tails), record; docker itself gets only the secret's source (--secret id=...,src|env=...)
        SecretMask mask = SecretMask.of(request.secrets(), run.request().env(), run.request().registryLogins());
        Command command = new Command(rendered0.argv(), rendered0.env(), rendered0.workDir(), rendered0.stdin(),
                mask.values());

        Instant start = Instant.now();
        long t0 = System.nanoTime();
        listener.phase(p.name(), "prepare", t0 - prepareStart);
        int exit;
        BuildStatus status;
        ProgressParser parser;
        try {
            for (int attempt = 1; ; attempt++) {
                ProgressParser attemptParser = ProgressParser.forMode(request.progress(), progressListener(p.name()));
                exit = runner.run(command, raw -> {
                    String line = mask.apply(raw);
                    listener.output(p.name(), line);
                    attemptParser.line(line);
                });
                parser = attemptParser;
                var fetch = exit == 0 || attempt == PullRetry.ATTEMPTS ? java.util.Optional.<String>empty()
                        : PullRetry.transientFetchError(parser.errorSummary());
                if (fetch.isEmpty()) {
                    break;
                }
                java.time.Duration wait = PullRetry.waitBefore(attempt + 1);
                String w = p.name() + ": a registry did not answer (" + fetch.get() + "); trying again in "
                        + wait.toSeconds() + " s (attempt " + (attempt + 1) + " of " + PullRetry.ATTEMPTS + ")";
                warnings.add(w);
                listener.message(p.name(), w);
                Thread.sleep(wait.toMillis());
            }
            status = exit == 0 ? BuildStatus.SUCCESS : BuildStatus.FAILED;
        } catch (InterruptedException e) {
            listener.message(p.name(), "build interrupted; docker build stopped");
            throw e;
        }
        long dockerNanos = System.nanoTime() - t0;
        listener.phase(p.name(), "docker", dockerNanos);
        long millis = dockerNanos / 1_000_000;

        List<StepRecord> steps = parser.steps();
        int total = (int) steps.stream().filter(StepRecord::isBuildStep).count();
        int cached = (int) steps.stream().filter(s -> s.isBuildStep() && s.cached()).count();
        BuildKind kind = p.noCache() ? BuildKind.NO_CACHE : cached == 0 ? BuildKind.COLD : BuildKind.WARM;
        String imageId = Files.exists(iid) ? Files.readString(iid, StandardCharsets.UTF_8).trim() : parser.imageId();
        boolean dockerignore = hasDockerignore(p.service().build());
        long contextBytes = parser.contextBytes();
        if (!dockerignore && !p.service().build().isRemote() && contextBytes > LARGE_CONTEXT_BYTES) {
            String w = String.format("build context of %s is %.0f MB and has no .dockerignore: add one to "
                    + "keep data, models and .git out of the context", p.name(), contextBytes / 1e6);
            warnings.add(w);
            listener.message(p.name(), w);
        }
        String error = status == BuildStatus.SUCCESS ? null : mask.apply(parser.errorSummary());
        String built = imageId == null || imageId.isBlank() ? null : imageId;
        if (status == BuildStatus.SUCCESS && built != null && prepared.dockerfileDigest() != null) {
            long checkStart = System.nanoTime();
            String mismatch = DockerfileCheck.mismatch(runner, run, built, prepared.dockerfileDigest(),
                    p.service().build().dockerfile());
            listener.phase(p.name(), "check", System.nanoTime() - checkStart);
            if (mismatch != null) {
                status = BuildStatus.FAILED;
                error = mismatch;
                listener.message(p.name(), mismatch);
            }
        }
        List<String> pushed = List.of();
        String digest = null;
        if (status == BuildStatus.SUCCESS) {
            for (String w : RegistryCache.afterBuild(runner, run, p, request.registryCacheRef(), backend, steps)) {
                warnings.add(w);
                listener.message(p.name(), w);
            }
            if (run.request().push()) {
                ImagePush.Result result = ImagePush.service(runner, run, listener, p.name(), prepared.pushTags());
                pushed = result.pushed();
                digest = result.digest();
                if (result.error() != null) {
                    status = BuildStatus.FAILED;
                    error = result.error();
                    listener.message(p.name(), error);
                }
            }
        }
        if (status == BuildStatus.FAILED && !engineAnswers()) {
            // docker only says "unexpected EOF" or "error reading from server" when its engine goes away
            error = "the Docker engine" + (run.dockerEnv().containsKey("DOCKER_HOST") ? " at " + run.dockerEnv().get("DOCKER_HOST") : "")
                    + " stopped answering during the build of " + p.name() + "; start it again and rebuild"
                    + (error == null ? "" : "\n" + error);
            listener.message(p.name(), error.lines().findFirst().orElse(error));
        }
        return new BuildRecord(BuildRecord.SCHEMA, id, run.runId(), p.name(), request.tags(), built, digest, start,
                millis, steps, cached, total, kind, p.nightly(), p.noCache() ? prepared.mountPolicy() : null, run.node(),
                backend.label(), status, exit, contextBytes, dockerignore, gitCommit, warnings, error,
                prepared.dockerfileDigest(), null, pushed);
    }

    /** {@code tag} named in {@code registry}: its own registry host, if it names one, replaced. */
    static String inRegistry(String registry, String tag) {
        String host = ImageReference.registryHost(tag);
        return registry + "/" + (host != null ? tag.substring(host.length() + 1) : tag);
    }

    /**
     * The build as rendered, the digest of the service's own Dockerfile it builds, and the tags a push
     * sends: the compose file's and the front end's, not the local name made up for a service without one.
     */
    private record Prepared(BuildRequest request, String dockerfileDigest, List<String> pushTags, List<String> notes,
                            CacheMountPolicy mountPolicy) {
    }

    private Prepared request(PlannedService p, Path scratch, Path iid) throws IOException {
        BuildSpec spec = p.service().build();
        Map<String, String> args = new LinkedHashMap<>();
        spec.args().forEach((k, v) -> {
            // compose: an arg without a value takes its value from the environment, or is left out
            String value = v != null ? v : run.request().env().get(k);
            if (value != null) {
                args.put(k, value);
            }
        });
        args.putAll(run.request().buildArgs());
        String target = run.request().target() != null ? run.request().target() : spec.target();
        // --no-cache would start every cache mount empty on this engine; a new value of a build arg
        // declared in every stage re-runs every RUN step and keeps the mounts
        boolean bustArg = p.noCache() && p.mountPolicy() == CacheMountPolicy.KEEP;
        List<String> notes = new ArrayList<>();
        if (bustArg && spec.dockerfile() == null) {
            bustArg = false; // the arg is declared by rewriting the Dockerfile, which a remote context keeps to itself
            notes.add(p.name() + ": its Dockerfile is in the remote context " + spec.contextText() + ", which morgan-build "
                    + "cannot rewrite to keep the cache mounts: built with --no-cache, cache mounts dropped");
        }
        boolean noCacheFlag = p.noCache() && !bustArg;
        if (bustArg) {
            args.put(NIGHTLY_ARG, run.runId() + "-" + RandomId.uuid());
        }
        // a remote context's own Dockerfile goes to BuildKit by its path inside the context: no copy, no digest label
        BuildFile dockerfile = spec.dockerfile() == null ? null : BuildFile.write(spec.dockerfile(), scratch, target, bustArg, args);
        List<String> own = spec.tags().isEmpty() ? List.of(defaultTag(p)) : spec.tags();
        List<String> tags = new ArrayList<>(own);
        String registry = run.request().registry();
        // with a registry: the service's names in it are what is pushed; else the compose file's own tags
        List<String> pushTags = new ArrayList<>(registry != null ? own.stream().map(t -> inRegistry(registry, t)).toList()
                : spec.tags());
        pushTags.stream().filter(t -> !tags.contains(t)).forEach(tags::add);
        for (String given : run.request().tags()) {
            String t = registry != null ? inRegistry(registry, given) : given;
            if (!tags.contains(t)) {
                tags.add(t);
            }
            if (!pushTags.contains(t)) {
                pushTags.add(t);
            }
        }
        String mode = p.service().settings().cacheMode() == null ? "local" : p.service().settings().cacheMode();
        return new Prepared(BuildRequest.builder(p.name(), spec.context(), dockerfile == null ? null : dockerfile.path())
                .remote(spec.isRemote() ? spec.remote().url() : null, spec.isRemote() ? spec.remote().dockerfile() : null)
                .target(target)
                .buildArgs(args)
                .tags(tags)
                .labels(spec.labels())
                .cacheFrom(spec.cacheFrom())
                .cacheTo(spec.cacheTo())
                .secrets(spec.secrets())
                .network(spec.network() != null ? spec.network() : run.facts().network())
                .platforms(spec.platforms())
                .additionalContexts(contexts(spec.additionalContexts(), images))
                .noCache(noCacheFlag)
                .inlineCache(mode.equals("inline"))
                .localCacheDir(mode.equals("local") && backend == Backend.BUILDX ? p.cacheDir() : null)
                .registryCacheRef(p.service().settings().registryCacheRef(p.name()))
                .builderName(run.request().builderName())
                .iidFile(iid)
                .metadataFile(backend == Backend.BUILDX ? scratch.resolve("metadata.json") : null)
                .load(backend == Backend.BUILDX)
                .progress(backend == Backend.BUILDX ? run.request().progress() : "plain")
                .build(), dockerfile == null ? null : dockerfile.originalDigest(), List.copyOf(pushTags), notes,
                notes.isEmpty() ? p.mountPolicy() : CacheMountPolicy.DROP);
    }

    /**
     * The additional contexts for BuildKit: {@code service:<name>} becomes the image that service's
     * build just loaded ({@code docker-image://<its first tag>}), which the planner built before this one.
     */
    static Map<String, String> contexts(Map<String, String> additional, Map<String, String> images) {
        Map<String, String> out = new LinkedHashMap<>();
        additional.forEach((k, v) -> {
            String service = v.startsWith(BuildSpec.SERVICE_CONTEXT) ? v.substring(BuildSpec.SERVICE_CONTEXT.length()) : null;
            if (service != null && !images.containsKey(service)) {
                throw new IllegalStateException("additional context " + k + " names service " + service
                        + ", which this plan does not build"); // the planner adds it to every selection
            }
            out.put(k, service == null ? v : "docker-image://" + images.get(service));
        });
        return out;
    }

    /** Whether the engine still answers {@code docker version}; asked after a failed build. */
    private boolean engineAnswers() throws InterruptedException {
        Command c = Command.of(List.of(run.docker(), "version", "--format", "{{.Server.Version}}"))
                .withEnv(run.dockerEnv());
        try {
            return runner.run(c, line -> { }) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** compose's default image name: {@code <project>-<service>}, project = the compose file's folder. */
    private String defaultTag(PlannedService p) {
        String name = project.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.-]", "");
        return (name.isEmpty() ? "morgan" : name) + "-" + p.name().toLowerCase(java.util.Locale.ROOT) + ":latest";
    }

    /** Whether the local context has a .dockerignore (false for a remote one, which is not sent from here). */
    private static boolean hasDockerignore(BuildSpec spec) {
        if (spec.context() == null) {
            return false;
        }
        return Files.isRegularFile(spec.context().resolve(".dockerignore"))
                || Files.isRegularFile(spec.dockerfile().resolveSibling(spec.dockerfile().getFileName() + ".dockerignore"));
    }

    private ProgressListener progressListener(String service) {
        return new ProgressListener() {
            @Override
            public void onStepStarted(StepRecord step) {
                listener.step(service, step, false);
            }

            @Override
            public void onStepFinished(StepRecord step) {
                listener.step(service, step, true);
            }
        };
    }
}
