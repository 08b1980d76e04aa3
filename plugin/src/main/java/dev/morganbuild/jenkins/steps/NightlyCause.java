package dev.morganbuild.jenkins.steps;

import hudson.model.Cause;
import hudson.model.Run;
import hudson.triggers.TimerTrigger;

/**
 * Whether a build was started by a timer: Jenkins' own ({@code triggers { cron(...) }}) or the
 * parameterized-scheduler plugin's ({@code parameterizedCron}), whose cause is not a
 * {@link TimerTrigger.TimerTriggerCause} and is matched by name, so that plugin stays optional.
 */
final class NightlyCause {
    static final String PARAMETERIZED_SCHEDULER_CAUSE =
            "org.jenkinsci.plugins.parameterizedscheduler.ParameterizedTimerTriggerCause";

    private NightlyCause() {
    }

    static boolean isTimer(Run<?, ?> run) {
        for (Cause c : run.getCauses()) {
            if (c instanceof TimerTrigger.TimerTriggerCause || c.getClass().getName().equals(PARAMETERIZED_SCHEDULER_CAUSE)) {
                return true;
            }
        }
        return false;
    }
}
