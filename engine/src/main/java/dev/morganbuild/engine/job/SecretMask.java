package dev.morganbuild.engine.job;

import dev.morganbuild.engine.stack.BuildSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values of a build's secrets, masked wherever its output goes (the log, the step names, the
 * error in the record): an environment variable's value, a secret file's content and each of its
 * lines (files up to 64 KiB), and the registry logins' passwords. Values shorter than 4 characters
 * are not masked: they would blank out ordinary text.
 */
final class SecretMask {
    static final int MIN_LENGTH = 4;
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private final List<String> values;

    private SecretMask(List<String> values) {
        this.values = values;
    }

    /** @param env the build's environment, where {@code environment:} secrets take their values */
    static SecretMask of(List<BuildSecret> secrets, Map<String, String> env) {
        return of(secrets, env, List.of());
    }

    /** The same, also masking each registry login's password and its {@code auth} (base64) form. */
    static SecretMask of(List<BuildSecret> secrets, Map<String, String> env, List<RegistryLogin> logins) {
        Set<String> values = new TreeSet<>(Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (BuildSecret s : secrets) {
            if (s.envVar() != null) {
                String v = env.get(s.envVar());
                if (v != null) {
                    values.add(v);
                    values.add(v.strip());
                }
            }
            if (s.file() != null) {
                try {
                    Path f = Path.of(s.file());
                    if (Files.isRegularFile(f) && Files.size(f) <= MAX_FILE_BYTES) {
                        String v = Files.readString(f, StandardCharsets.UTF_8);
                        values.add(v.strip());
                        v.lines().map(String::strip).forEach(values::add);
                    }
                } catch (IOException | RuntimeException e) {
                    // unreadable here: docker will say so; nothing to mask
                }
            }
        }
        for (RegistryLogin l : logins) {
            values.add(l.password());
            values.add(l.auth());
        }
        values.removeIf(v -> v.length() < MIN_LENGTH);
        return new SecretMask(List.copyOf(values));
    }

    /** The values to mask, longest first (so a value containing another is masked whole). */
    List<String> values() {
        return values;
    }

    /** {@code text} with every value replaced by {@code ****}; null stays null. */
    String apply(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String s = text;
        for (String secret : values) {
            s = s.replace(secret, "****");
        }
        return s;
    }
}
