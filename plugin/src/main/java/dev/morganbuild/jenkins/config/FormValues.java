package dev.morganbuild.jenkins.config;

/** Values as forms, configuration-as-code and Pipeline scripts hand them in: blank means "the default". */
public final class FormValues {
    private FormValues() {
    }

    /** {@code value} trimmed, or {@code fallback} when it is null or blank. */
    public static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
