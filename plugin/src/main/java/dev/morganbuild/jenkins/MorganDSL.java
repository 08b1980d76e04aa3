package dev.morganbuild.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import groovy.lang.Binding;
import hudson.Extension;
import org.jenkinsci.plugins.workflow.cps.CpsScript;
import org.jenkinsci.plugins.workflow.cps.GlobalVariable;

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
        Object morgan = script.getClass().getClassLoader().loadClass("dev.morganbuild.jenkins.Morgan")
                .getConstructor(CpsScript.class).newInstance(script);
        binding.setVariable(getName(), morgan);
        return morgan;
    }
}
