package dev.morganbuild.engine.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises CUDA base images by their reference, and matches image globs such as
 * {@code myorg/trainer:*}. The name is split into words at {@code / . _ -}; a rule needs a whole word,
 * so {@code nvidia/cuda} and {@code cuda-base} are CUDA images but {@code cudatest} and
 * {@code barracuda} are not.
 */
public final class CudaImage {
    private static final Pattern WORD_SPLIT = Pattern.compile("[/._-]+");
    private static final Pattern CUDA_WORD = Pattern.compile("cuda\\d*|cudnn\\d*");
    private static final Pattern CUDA_WHEEL = Pattern.compile("cu\\d{2,3}");
    /** Words that mark a build for another accelerator, or none: such a {@code -gpu} tag is not a CUDA image. */
    private static final Set<String> NOT_CUDA = Set.of("cpu", "rocm", "hip", "hipblas", "amd", "intel", "xpu", "sycl",
            "oneapi", "ipex", "openvino", "vulkan", "metal", "gaudi", "habana", "neuron", "tpu", "npu", "cann");
    /** NGC repositories of plain CPU base images (NVIDIA's hardened Ubuntu and distroless bases). */
    private static final List<String> NGC_NOT_CUDA = List.of("nvidia/base/", "nvidia/distroless/");
    /** Images that are CUDA builds without saying so in their name (their CPU or ROCm variants carry a word above). */
    private static final List<String> KNOWN = List.of("vllm/vllm-openai", "ghcr.io/huggingface/text-generation-inference",
            "ghcr.io/huggingface/text-embeddings-inference", "ghcr.io/coqui-ai/tts", "pytorch/pytorch:latest");

    private CudaImage() {
    }

    /**
     * Why {@code ref} is a CUDA image, e.g. "cuda in tag" or "NVIDIA NGC image", or empty when it
     * is not one as far as its name tells.
     */
    public static Optional<String> rule(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        Name n = Name.of(ref);
        List<String> repoWords = words(n.path());
        List<String> tagWords = words(n.tag());
        boolean otherAccelerator = tagWords.stream().anyMatch(NOT_CUDA::contains)
                || repoWords.stream().anyMatch(NOT_CUDA::contains);
        if (n.domain().equals("nvcr.io") && (n.path().startsWith("nvidia/") || n.path().startsWith("nim/"))
                && NGC_NOT_CUDA.stream().noneMatch(n.path()::startsWith)) {
            return Optional.of("NVIDIA NGC image");
        }
        if (repoWords.stream().anyMatch(w -> CUDA_WORD.matcher(w).matches())) {
            return Optional.of("cuda in repository");
        }
        if (tagWords.stream().anyMatch(w -> CUDA_WORD.matcher(w).matches())) {
            return Optional.of("cuda in tag");
        }
        Optional<String> wheel = tagWords.stream().filter(w -> CUDA_WHEEL.matcher(w).matches()).findFirst();
        if (wheel.isPresent()) {
            return Optional.of("CUDA build tag " + wheel.get());
        }
        if (n.domain().isEmpty() && n.path().startsWith("nvidia/")) {
            return Optional.of("NVIDIA image (nvidia/ on Docker Hub)");
        }
        if (otherAccelerator) {
            return Optional.empty();
        }
        if (tagWords.contains("gpu")) {
            return Optional.of("gpu in tag");
        }
        if (repoWords.contains("gpu")) {
            return Optional.of("gpu in repository");
        }
        return KNOWN.stream().filter(k -> matches(k, ref)).findFirst().map(k -> "known CUDA image " + k);
    }

    /**
     * True when {@code glob} ({@code *}: any characters, {@code ?}: one) matches {@code ref}: the
     * reference as written, without the {@code docker.io/} and {@code library/} prefixes, with the
     * implied {@code :latest}, or its repository alone ({@code myorg/trainer} matches
     * {@code myorg/trainer:1.2}). Case does not matter.
     */
    public static boolean matches(String glob, String ref) {
        Pattern p = globPattern(glob);
        Name n = Name.of(ref);
        String repo = (n.domain().isEmpty() ? "" : n.domain() + "/") + n.path();
        String tag = n.tag().isEmpty() && n.digest().isEmpty() ? "latest" : n.tag();
        List<String> forms = new ArrayList<>(List.of(ref.toLowerCase(Locale.ROOT), repo));
        if (!tag.isEmpty()) {
            forms.add(repo + ":" + tag);
        }
        if (!n.digest().isEmpty()) {
            forms.add(repo + "@" + n.digest());
        }
        return forms.stream().anyMatch(f -> p.matcher(f).matches());
    }

    private static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : List.of(WORD_SPLIT.split(s));
    }

    /** A reference taken apart: registry (none for Docker Hub), path, tag and digest, lower-cased. */
    private record Name(String domain, String path, String tag, String digest) {
        static Name of(String ref) {
            String r = ref.strip().toLowerCase(Locale.ROOT);
            String digest = "";
            int at = r.indexOf('@');
            if (at >= 0) {
                digest = r.substring(at + 1);
                r = r.substring(0, at);
            }
            String tag = "";
            int colon = r.lastIndexOf(':');
            if (colon > r.lastIndexOf('/')) {
                tag = r.substring(colon + 1);
                r = r.substring(0, colon);
            }
            String domain = "";
            int slash = r.indexOf('/');
            if (slash > 0) {
                String first = r.substring(0, slash);
                if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                    domain = first;
                    r = r.substring(slash + 1);
                }
            }
            if (Set.of("docker.io", "index.docker.io", "registry-1.docker.io").contains(domain)) {
                domain = "";
            }
            if (domain.isEmpty() && r.startsWith("library/")) {
                r = r.substring("library/".length());
            }
            return new Name(domain, r, tag, digest);
        }
    }
}
