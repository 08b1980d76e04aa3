package dev.morganbuild.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import groovy.lang.Binding;
import hudson.Extension;
import org.jenkinsci.plugins.workflow.cps.CpsScript;
import org.jenkinsci.plugins.workflow.cps.GlobalVariable;
import org.jenkinsci.plugins.workflow.cps.GroovySourceFileAllowlist;

/**
 * The {@code morgan} global variable: {@code morgan.buildAll()}, {@code morgan.build('tts', 'stt')},
 * {@code morgan.buildAll(only: 'cuda')}. Its logic is the Groovy class {@code Morgan.groovy} (CPS),
 * which plans on one node and builds each service in parallel on a node with the service's label.
 */
@Extension
public class MorganDSL extends GlobalVariable {
    @NonNull
    @Override
    public String getName() {
        return "morgan";
    }

    @NonNull
    @Override
    public Object getValue(@NonNull CpsScript script) throws Exception {
        Binding binding = script.getBinding();
        if (binding.hasVariable(getName())) {
            return binding.getVariable(getName());
        }
        Object morgan = script.getClass().getClassLoader().loadClass("dev.morganbuild.jenkins.steps.Morgan")
                .getConstructor(CpsScript.class).newInstance(script);
        binding.setVariable(getName(), morgan);
        return morgan;
    }

    /**
     * Lets Pipeline load {@code Morgan.groovy} from this plugin: workflow-cps refuses Groovy source files
     * from plugin class paths unless an allowlist names them (SECURITY-359); without this the variable
     * fails with ClassNotFoundException: dev.morganbuild.jenkins.steps.Morgan.
     */
    @Extension
    public static class MorganSourceAllowlist extends GroovySourceFileAllowlist {
        private final String source = String.valueOf(MorganDSL.class.getResource("Morgan.groovy"));

        @Override
        public boolean isAllowed(String groovySourceFileUrl) {
            return source.equals(groovySourceFileUrl);
        }
    }
}
