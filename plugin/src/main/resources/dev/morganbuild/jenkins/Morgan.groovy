package dev.morganbuild.jenkins

import com.cloudbees.groovy.cps.NonCPS
import org.jenkinsci.plugins.workflow.cps.CpsScript

/**
 * The `morgan` global variable. Plans on a node with the CPU label (global configuration), then builds
 * every selected service in parallel branches, each in node(<its label>) with a fresh checkout, so GPU
 * services land on GPU nodes. Services of one wave build together; the next wave starts when they are done.
 */
class Morgan implements Serializable {
    private static final long serialVersionUID = 1L
    /** Options passed through to every morganBuild call. */
    private static final List<String> BUILD_OPTIONS = ['noCache', 'nightly', 'cacheMounts', 'target', 'buildArgs',
            'tags', 'push', 'registryUrl', 'credentialsId', 'cacheDir', 'smokeTest']

    private final CpsScript script

    Morgan(CpsScript script) {
        this.script = script
    }

    /**
     * morgan.buildAll() or morgan.buildAll(only: 'cuda', composeFile: 'docker-compose.yml', nightly: 'auto').
     * Each node checks out `scm`; a Pipeline that is not from SCM passes its own checkout:
     * morgan.buildAll(checkout: { git url: 'https://example.com/stack.git', branch: 'main' })
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
        String composeFile = (options.composeFile ?: 'docker-compose.yml') as String
        String planLabel = (options.planLabel ?: cpuLabel()) as String
        def plan = null
        def checkout = options.checkout
        script.node(planLabel) {
            checkoutSources(checkout)
            plan = script.morganPlan(composeFile: composeFile, only: selection)
        }
        Map buildOptions = passedThrough(options)
        def results = [:]
        int waves = lastWave(plan)
        for (int wave = 0; wave <= waves; wave++) {
            def branches = [:]
            for (String service in servicesOf(plan, wave)) {
                String name = service
                String label = labelOf(plan, name)
                branches[name] = {
                    script.node(label) {
                        checkoutSources(checkout)
                        results[name] = script.morganBuild([service: name, composeFile: composeFile] + buildOptions)
                    }
                }
            }
            if (branches) {
                script.parallel(branches)
            }
        }
        return results
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
        return dev.morganbuild.jenkins.MorganGlobalConfiguration.get().getCpuLabel()
    }

    @NonCPS
    static Map passedThrough(Map options) {
        Map out = [:]
        options.each { k, v ->
            if (BUILD_OPTIONS.contains(k as String)) {
                out[k as String] = v
            }
        }
        return out
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
