package dev.morganbuild.jenkins

import org.jenkinsci.plugins.workflow.cps.CpsScript

/**
 * The `morgan` global variable. Plans on a CPU node, then builds every selected service in parallel
 * branches, each in node(<its label>) with a fresh checkout: GPU services land on GPU nodes.
 * Services of one wave build together; the next wave starts when they are done.
 */
class Morgan implements Serializable {
    private static final long serialVersionUID = 1L
    private final CpsScript script

    Morgan(CpsScript script) {
        this.script = script
    }

    /** morgan.buildAll() or morgan.buildAll(only: 'cuda', composeFile: 'docker-compose.yml', nightly: 'auto') */
    def buildAll(Map options = [:]) {
        return run(options.only ?: 'all', options)
    }

    /** morgan.build('tts', 'stt') */
    def build(String... services) {
        return run(services.join(','), [:])
    }

    /** morgan.build(['tts', 'stt'], [noCache: true]) */
    def build(List<String> services, Map options) {
        return run(services.join(','), options)
    }

    private def run(String selection, Map options) {
        String composeFile = options.composeFile ?: 'docker-compose.yml'
        String planLabel = options.planLabel ?: null
        def plan = null
        script.node(planLabel ?: '') {
            script.checkout(script.scm)
            plan = script.morganPlan(composeFile: composeFile, only: selection)
        }
        def results = [:]
        int waves = plan.collect { it.wave }.max() ?: 0
        for (int wave = 0; wave <= waves; wave++) {
            def branches = [:]
            for (def s in plan.findAll { it.wave == wave }) {
                String service = s.service
                String label = s.nodeLabel
                branches[service] = {
                    script.node(label) {
                        script.checkout(script.scm)
                        def args = [service: service, composeFile: composeFile] + options.findAll { k, v ->
                            k in ['noCache', 'nightly', 'cacheMounts', 'target', 'buildArgs', 'tags', 'push', 'registryUrl',
                                  'credentialsId', 'cacheDir', 'smokeTest']
                        }
                        if (args.buildArgs instanceof Map) {
                            args.buildArgs = args.buildArgs.collect { k, v -> "${k}=${v}" }.join('\n')
                        }
                        if (args.tags instanceof List) {
                            args.tags = args.tags.join(' ')
                        }
                        results[service] = script.morganBuild(args)
                    }
                }
            }
            if (branches) {
                script.parallel(branches)
            }
        }
        return results
    }
}
