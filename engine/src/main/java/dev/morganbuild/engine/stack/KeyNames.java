package dev.morganbuild.engine.stack;

/**
 * Keys of build args and labels, which docker receives as {@code KEY=value} in one argument: a key
 * must not contain '=' (it would move the split), whitespace or control characters, nor be empty.
 */
public final class KeyNames {
    private KeyNames() {
    }

    public static boolean isValid(String key) {
        return problem(key) == null;
    }

    /** Why the key cannot be used, or null when it can. */
    public static String problem(String key) {
        if (key == null || key.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '=') {
                return "contains '='";
            }
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return "contains whitespace or a control character";
            }
        }
        return null;
    }

    /** Docker network names (and host, none, default). */
    public static boolean isNetwork(String name) {
        return name != null && name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    }
}
