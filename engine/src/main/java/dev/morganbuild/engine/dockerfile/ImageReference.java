package dev.morganbuild.engine.dockerfile;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Docker image reference syntax ({@code [registry[:port]/]path[:tag][@digest]}), after the
 * distribution reference grammar, and the names BuildKit accepts for stages.
 */
public final class ImageReference {
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*(?::" + TAG + ")?(?:@" + DIGEST + ")?");
    private static final Pattern STAGE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]*");

    private ImageReference() {
    }

    /** True when {@code ref} is a well-formed image reference (e.g. {@code registry:5000/team/app:1.0}). */
    public static boolean isValid(String ref) {
        // docker's limit: the name without tag and digest has at most 255 characters
        return ref != null && ref.length() <= 512 && REFERENCE.matcher(ref).matches() && repository(ref).length() <= 255;
    }

    /** True when {@code name} can name a Dockerfile stage ({@code FROM ... AS name}). */
    public static boolean isStageName(String name) {
        return name != null && STAGE.matcher(name).matches();
    }

    /** The reference without tag and digest: {@code nvcr.io/nvidia/cuda:12.4} gives {@code nvcr.io/nvidia/cuda}. */
    public static String repository(String ref) {
        String r = ref;
        int at = r.indexOf('@');
        if (at >= 0) {
            r = r.substring(0, at);
        }
        int colon = r.lastIndexOf(':');
        if (colon > r.lastIndexOf('/')) {
            r = r.substring(0, colon);
        }
        return r;
    }

    /**
     * The registry host a reference names ({@code 127.0.0.1:5000/team/app:1} gives {@code 127.0.0.1:5000}),
     * or null when it names none and docker takes Docker Hub: the first path component is a host when it
     * has a dot or a port, or is {@code localhost}, as docker decides.
     */
    public static String registryHost(String ref) {
        int slash = ref.indexOf('/');
        String first = slash < 0 ? "" : ref.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : null;
    }

    /**
     * True when the reference names a CUDA image: {@code nvidia/cuda:12.4.1-runtime},
     * {@code pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime}, {@code nvcr.io/nvidia/pytorch:24.01-py3},
     * {@code tensorflow/tensorflow:2.15.0-gpu}; see {@link CudaImage#rule} for the rules.
     */
    public static boolean isCuda(String ref) {
        return CudaImage.rule(ref).isPresent();
    }

    /** Why {@code ref} is not valid, for messages; call only when {@link #isValid} is false. */
    public static String problem(String ref) {
        if (ref.isEmpty()) {
            return "is empty";
        }
        if (ref.startsWith("-")) {
            return "starts with '-'";
        }
        if (ref.chars().anyMatch(Character::isWhitespace)) {
            return "contains whitespace";
        }
        if (repository(ref).length() > 255) {
            return "has a name (without tag) of " + repository(ref).length() + " characters; docker allows 255";
        }
        if (!repository(ref).equals(repository(ref).toLowerCase(Locale.ROOT))
                && repository(ref).indexOf('/') < 0) {
            return "has upper-case letters in the repository name";
        }
        return "is not of the form [registry/]name[:tag]";
    }
}
