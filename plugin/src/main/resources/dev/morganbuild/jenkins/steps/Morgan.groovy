package dev.morganbuild.jenkins.steps

import com.cloudbees.groovy.cps.NonCPS
import org.jenkinsci.plugins.workflow.cps.CpsScript

/**
 * The `morgan` global variable. Plans on a node with the CPU label (global configuration), then builds
 * every selected service in parallel branches, each in node(<its label>) with a fresh checkout, so GPU
 * services land on GPU nodes. Services of one wave build together; the next wave starts when they are done.
 * A failed service never stops services that do not need it: the services that depend on it
 * (depends_on) are recorded as skipped, every other service still builds, and the run fails at the end
 * naming what failed. failFast: true stops at the first failure instead.
 * Each service goes to the agent that holds its layer cache (morganRoute: the agent of its last successful
 * build, when online, still of its label and free within routeWait seconds), else to its label;
 * routing: false leaves every service to its label.
 */
class Morgan implements Serializable {
    private static final long serialVersionUID = 1L
    /** Options passed through to every morganBuild call. */
    private static final List<String> BUILD_OPTIONS = ['noCache', 'nightly', 'cacheMounts', 'target', 'buildArgs',
            'tags', 'push', 'registryUrl', 'credentialsId', 'cacheDir', 'smokeTest', 'composeFiles', 'profiles', 'envFile']
    /** The compose-project options the plan is made with too (the builds get them through BUILD_OPTIONS). */
    private static final List<String> PROJECT_OPTIONS = ['composeFiles', 'profiles', 'envFile']
    /** The options of the run itself. */
    private static final List<String> RUN_OPTIONS = ['only', 'composeFile', 'planLabel', 'checkout', 'failFast', 'routing',
            'routeWait']
    /** What became of a service that did not build: it failed, or was skipped. */
    private static final String FAILED = 'failed'
    private static final String SKIPPED = 'skipped'

    private final CpsScript script

    Morgan(CpsScript script) {
        this.script = script
    }

    /**
     * morgan.buildAll() or morgan.buildAll(only: 'cuda', composeFile: 'docker-compose.yml', nightly: 'auto').
     * Several compose files, profiles and env files: composeFiles: ['compose.yaml', 'compose.gpu.yaml'],
     * profiles: 'gpu,tools', envFile: 'ci.env' (lists or comma-separated strings).
     * Each node checks out `scm`; a Pipeline that is not from SCM passes its own checkout:
     * morgan.buildAll(checkout: { git url: 'https://example.com/stack.git', branch: 'main' })
     * Routing: morgan.buildAll(routeWait: 10) waits up to 10 s (default 5) for a busy agent that holds a
     * service's cache; morgan.buildAll(routing: false) sends every service to any agent of its label.
     */
    def buildAll(Map options = [:]) {
        return run((options.only ?: 'all') as String, options)
    }

    /** morgan.build('tts', 'stt') */
    def build(String... services) {
        return run(services.join(','), [:])
    }

    /** morgan.build(['tts', 'stt'], [noCache: true]) */
    def build(List<String> services, Map options) {
        return run(services.join(','), options)
    }

    def run(String selection, Map options) {
        String unknown = unknownOption(options) ?: routeWaitProblem(options)
        if (unknown != null) {
            script.error(unknown) // a typo such as nocache: true must not build with the cache
        }
        String composeFile = (options.composeFile ?: 'docker-compose.yml') as String
        String planLabel = (options.planLabel ?: cpuLabel()) as String
        def plan = null
        def checkout = options.checkout
        // workspaces checked out in this run ("node:path"): a later service in the same workspace reuses it
        List<String> checkedOut = []
        script.node(planLabel) {
            checkoutOnce(checkout, checkedOut)
            // the plan says what the builds will do: no layer cache for noCache and nightly builds
            plan = script.morganPlan([composeFile: composeFile, only: selection] + pick(options, PROJECT_OPTIONS)
                    + pick(options, ['noCache', 'nightly']))
        }
        Map buildOptions = pick(options, BUILD_OPTIONS)
        boolean failFast = flag(options, 'failFast')
        boolean routing = routingOn(options)
        int routeWait = routeWaitOf(options)
        if (!routing) {
            script.echo(routingOffText())
        }
        def results = [:]
        Map<String, String> notBuilt = [:]
        int waves = lastWave(plan)
        for (int wave = 0; wave <= waves; wave++) {
            def branches = [:]
            for (String service in servicesOf(plan, wave)) {
                String name = service
                String why = skipReason(plan, name, notBuilt, failFast)
                if (why != null) {
                    notBuilt[name] = SKIPPED
                    results[name] = [status: 'SKIPPED', error: skippedText(why)]
                    script.echo(skippedLogText(name, why))
                    recordSkipped(script.$build(), name, why)
                    continue
                }
                String label = labelOf(plan, name)
                branches[name] = {
                    try {
                        String where = label
                        if (routing) {
                            // the agent that holds the service's cache, or its label; waits asynchronously
                            where = script.morganRoute(service: name, label: label, wait: routeWait).label as String
                        }
                        script.node(where) {
                            releaseRoute(script.$build(), name) // this branch has its executor now
                            checkoutOnce(checkout, checkedOut)
                            results[name] = script.morganBuild([service: name, composeFile: composeFile] + buildOptions)
                        }
                    } catch (org.jenkinsci.plugins.workflow.steps.FlowInterruptedException e) {
                        throw e // an abort or a timeout stops everything, as it should
                    } catch (Exception e) {
                        notBuilt[name] = FAILED
                        results[name] = [status: 'FAILED', error: e.message]
                        // the branch's failure is caught to build the other services: say why it failed
                        script.echo(failedLogText(name, e.message))
                        if (failFast) {
                            throw e
                        }
                    }
                }
            }
            if (branches) {
                script.parallel(failFast ? branches + [failFast: true] : branches)
            }
        }
        String summary = failureSummary(notBuilt)
        if (summary != null) {
            script.error(summary)
        }
        return results
    }

    /**
     * Checks out the sources unless this run already did in this node's workspace: nothing but the builds
     * touches it between waves, and a workspace in use by another branch is a different one (`@2`).
     */
    private void checkoutOnce(def checkout, List<String> checkedOut) {
        String key = "${script.env.NODE_NAME}:${script.pwd()}"
        if (!checkedOut.contains(key)) {
            checkoutSources(checkout)
            checkedOut << key
        }
    }

    private void checkoutSources(def checkout) {
        if (checkout instanceof Closure) {
            checkout.call()
        } else {
            script.checkout(script.scm)
        }
    }

    // Plain Java-like helpers, kept out of the CPS transformation on purpose.

    @NonCPS
    static String cpuLabel() {
        return dev.morganbuild.jenkins.config.MorganGlobalConfiguration.get().getCpuLabel()
    }

    /** The refusal of the first option that morgan.buildAll()/build() does not know, or null. */
    @NonCPS
    static String unknownOption(Map options) {
        List<String> known = (RUN_OPTIONS + BUILD_OPTIONS + PROJECT_OPTIONS).unique()
        for (def k in options.keySet()) {
            String name = k as String
            if (!known.contains(name)) {
                String near = known.find { it.equalsIgnoreCase(name) }
                return near ? dev.morganbuild.jenkins.Messages.Morgan_UnknownOptionNear(name, near, known.join(', '))
                        : dev.morganbuild.jenkins.Messages.Morgan_UnknownOption(name, known.join(', '))
            }
        }
        return null
    }

    /** The entries of `options` whose names are in `names` (the plan's and the builds' own options). */
    @NonCPS
    static Map pick(Map options, List<String> names) {
        Map out = [:]
        options.each { k, v ->
            if (names.contains(k as String)) {
                out[k as String] = v
            }
        }
        return out
    }

    /**
     * An option that is true or 'true'; absent, anything else is false. (In CPS code `null as boolean` stays
     * null and a boolean variable takes it, so the conversion is made here, outside the transformation.)
     */
    @NonCPS
    static boolean flag(Map options, String name) {
        return Boolean.parseBoolean(String.valueOf(options[name]))
    }

    /**
     * Why `service` is not built: a service it needs (the plan's `needs`: depends_on) failed or was
     * skipped, or with failFast any failure; null when it builds.
     */
    @NonCPS
    static String skipReason(List plan, String service, Map<String, String> notBuilt, boolean failFast) {
        for (s in plan) {
            if (s.service == service) {
                for (String need in (s.needs ?: [])) {
                    if (notBuilt.containsKey(need)) {
                        return notBuilt[need] == SKIPPED ? dev.morganbuild.jenkins.Messages.Morgan_NeedSkipped(need)
                                : dev.morganbuild.jenkins.Messages.Morgan_NeedFailed(need)
                    }
                }
            }
        }
        if (failFast) {
            String first = notBuilt.find { k, v -> v == FAILED }?.key
            if (first != null) {
                return dev.morganbuild.jenkins.Messages.Morgan_FailFast(first)
            }
        }
        return null
    }

    /** The run's failure message, or null when every service built. */
    @NonCPS
    static String failureSummary(Map<String, String> notBuilt) {
        List<String> failed = notBuilt.findAll { k, v -> v == FAILED }.keySet() as List
        if (failed.isEmpty()) {
            return null
        }
        List<String> skipped = notBuilt.findAll { k, v -> v == SKIPPED }.keySet() as List
        return skipped ? dev.morganbuild.jenkins.Messages.Morgan_FailedAndSkipped(failed.join(', '), skipped.join(', '))
                : dev.morganbuild.jenkins.Messages.Morgan_Failed(failed.join(', '))
    }

    /** The log line of a run with routing: false. */
    @NonCPS
    static String routingOffText() {
        return dev.morganbuild.jenkins.Messages.Morgan_RoutingOff()
    }

    /** A skipped service's error in the run's results: "skipped because core failed". */
    @NonCPS
    static String skippedText(String why) {
        return dev.morganbuild.jenkins.Messages.Morgan_SkippedBecause(why)
    }

    /** The log line of a skipped service. */
    @NonCPS
    static String skippedLogText(String service, String why) {
        return dev.morganbuild.jenkins.Messages.Morgan_LogSkipped(service, why)
    }

    /** The log line of a service whose branch failed (caught, so that the other services build). */
    @NonCPS
    static String failedLogText(String service, String message) {
        return dev.morganbuild.jenkins.Messages.Morgan_LogFailed(service, message)
    }

    /** Routing is on unless routing: false (or 'false'). */
    @NonCPS
    static boolean routingOn(Map options) {
        return options.routing == null || Boolean.parseBoolean(String.valueOf(options.routing))
    }

    /** The refusal of a routeWait that is not a whole number of seconds, 0 or more; or null. */
    @NonCPS
    static String routeWaitProblem(Map options) {
        String text = String.valueOf(options.routeWait).trim()
        return options.routeWait == null || text ==~ /\d{1,6}/ ? null
                : dev.morganbuild.jenkins.Messages.Morgan_RouteWait(text)
    }

    /** routeWait in seconds (checked by routeWaitProblem); default 5. */
    @NonCPS
    static int routeWaitOf(Map options) {
        return options.routeWait == null ? dev.morganbuild.jenkins.steps.MorganRouteStep.DEFAULT_WAIT_SECONDS
                : Integer.parseInt(String.valueOf(options.routeWait).trim())
    }

    @NonCPS
    static void releaseRoute(hudson.model.Run run, String service) {
        dev.morganbuild.jenkins.steps.AgentRouting.release(run, service)
    }

    @NonCPS
    static void recordSkipped(hudson.model.Run run, String service, String why) {
        dev.morganbuild.jenkins.model.MorganBuildAction.recordSkipped(run, service, why)
    }

    @NonCPS
    static int lastWave(List plan) {
        int last = 0
        plan.each { s -> last = Math.max(last, s.wave as int) }
        return last
    }

    @NonCPS
    static List<String> servicesOf(List plan, int wave) {
        List<String> out = []
        plan.each { s ->
            if ((s.wave as int) == wave) {
                out << (s.service as String)
            }
        }
        return out
    }

    @NonCPS
    static String labelOf(List plan, String service) {
        for (s in plan) {
            if (s.service == service) {
                return s.nodeLabel as String
            }
        }
        return null
    }
}
