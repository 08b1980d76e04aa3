package dev.morganbuild.engine.plan;

import dev.morganbuild.engine.MorganException;
import java.util.Locale;

/**
 * Whether a build is a nightly build: a timer-started build is, unless a step parameter or a job
 * parameter says otherwise. The step parameter wins over the job parameter, which wins over the cause.
 */
public final class NightlyDecision {
    private NightlyDecision() {
    }

    /** A step's {@code nightly} parameter. */
    public enum Mode { AUTO, TRUE, FALSE;

        public static Mode parse(String text) {
            String t = text == null ? "auto" : text.trim().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "", "auto" -> AUTO;
                case "true", "yes", "on" -> TRUE;
                case "false", "no", "off" -> FALSE;
                default -> throw MorganException.of("nightly must be auto, true or false, not '" + text + "'",
                        "write nightly: 'auto' (timer-started builds are nightly), 'true' or 'false'");
            };
        }
    }

    /**
     * @param step           the step's nightly parameter
     * @param jobParameter   value of a job parameter {@code MORGAN_NIGHTLY} (true/false), or null when absent
     * @param startedByTimer the build was started by a timer trigger
     */
    public static boolean isNightly(Mode step, String jobParameter, boolean startedByTimer) {
        if (step == Mode.TRUE) {
            return true;
        }
        if (step == Mode.FALSE) {
            return false;
        }
        if (jobParameter != null && !jobParameter.isBlank()) {
            Mode m = Mode.parse(jobParameter);
            if (m != Mode.AUTO) {
                return m == Mode.TRUE;
            }
        }
        return startedByTimer;
    }
}
