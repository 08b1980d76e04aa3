package org.jenkinsci.plugins.parameterizedscheduler;

import hudson.model.Cause;

/**
 * The parameterized-scheduler plugin's cause, by its name only: the plugin is optional and not on the
 * test class path, and morgan-build recognises its cause by class name (NightlyCause).
 */
public class ParameterizedTimerTriggerCause extends Cause {
    @Override
    public String getShortDescription() {
        return "Started by parameterized timer";
    }
}
