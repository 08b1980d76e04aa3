package dev.morganbuild.engine.buildkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a BuildKit vertex name like {@code [deps 2/4] RUN pip install} into stage and instruction. */
final class StepNames {
    private static final Pattern STEP = Pattern.compile("^\\[(?:(\\S+) )?\\d+/\\d+\\] (\\S+)");
    private static final Pattern INTERNAL = Pattern.compile("^\\[internal\\]");

    private StepNames() {
    }

    /** {stage, instruction}: {@code internal} and empty for BuildKit's own steps. */
    static String[] split(String name) {
        Matcher m = STEP.matcher(name);
        if (m.find()) {
            String stage = m.group(1) == null ? "" : m.group(1);
            return new String[] {stage, m.group(2).toUpperCase(java.util.Locale.ROOT)};
        }
        if (INTERNAL.matcher(name).find() || !name.startsWith("[")) {
            return new String[] {"internal", ""};
        }
        return new String[] {"", ""};
    }
}
