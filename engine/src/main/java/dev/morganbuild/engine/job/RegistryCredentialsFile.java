package dev.morganbuild.engine.job;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a registry credentials file, in one of two shapes:
 * <pre>
 * {"registry": "127.0.0.1:5000", "username": "ci", "password": "..."}
 * {"auths": {"127.0.0.1:5000": {"auth": "base64 of user:password"},
 *            "registry.example.com": {"username": "ci", "password": "..."}}}
 * </pre>
 * The second is docker's own {@code config.json} shape, as {@code docker login} writes it and as a
 * Kubernetes {@code .dockerconfigjson} or GitLab's {@code DOCKER_AUTH_CONFIG} hold it: only its
 * {@code auths} are read. Every problem is refused with the file, the line where JSON places it, and the
 * fix; no message ever quotes the file's content, so no secret reaches a log.
 */
public final class RegistryCredentialsFile {
    /** Far more than any credentials file; a bigger file is the wrong file. */
    static final long MAX_BYTES = 64 * 1024;
    private static final String FORMAT = "write it as {\"registry\": \"HOST[:PORT]\", \"username\": \"...\", "
            + "\"password\": \"...\"}, or docker's {\"auths\": {\"HOST[:PORT]\": {\"auth\": \"<base64 of user:password>\"}}}";
    private static final Set<String> SIMPLE_KEYS = Set.of("registry", "username", "password");

    private RegistryCredentialsFile() {
    }

    /** The logins in {@code file}, at least one; the file is named in errors as given. */
    public static List<RegistryLogin> read(Path file) {
        String name = file.toString();
        byte[] bytes = bytes(file, name);
        JsonNode root = parse(bytes, name);
        if (!root.isObject()) {
            throw refuse(name, "is not a JSON object", FORMAT);
        }
        List<RegistryLogin> logins = root.has("auths") ? auths(root.get("auths"), name) : List.of(simple(root, name));
        if (logins.isEmpty()) {
            throw refuse(name, "has no registry in \"auths\"", FORMAT);
        }
        return logins;
    }

    private static byte[] bytes(Path file, String name) {
        try {
            if (Files.isDirectory(file)) {
                throw refuse(name, "is a folder, not a registry credentials file", "pass the JSON file itself");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw refuse(name, "is larger than " + MAX_BYTES / 1024 + " KiB, too large for registry credentials",
                        "pass the credentials file (" + FORMAT + ")");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw refuse(name, "registry credentials file not found", "pass an existing file; " + FORMAT);
        } catch (AccessDeniedException e) {
            throw refuse(name, "cannot read the registry credentials file (permission denied)",
                    "make it readable by this user only: chown it to this user and chmod 600 it");
        } catch (IOException e) {
            throw refuse(name, "cannot read the registry credentials file (" + e.getClass().getSimpleName() + ")",
                    "check that the file exists and this user can read it");
        }
    }

    private static JsonNode parse(byte[] bytes, String name) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(bytes)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonNode root = Json.mapper().readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw refuse(name, "is empty", FORMAT);
            }
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new MorganException(name, at.getLineNr(), at.getColumnNr(),
                        "has more after its JSON object", "keep one JSON object in the file");
            }
            return root;
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the text around the error: a password, perhaps
            JsonLocation at = e.getLocation();
            throw new MorganException(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "is not valid JSON (a syntax error, or a key given twice)",
                    "fix the JSON there (quotes, commas, braces); " + FORMAT);
        } catch (IOException e) {
            throw refuse(name, "cannot be read as JSON", FORMAT);
        }
    }

    private static RegistryLogin simple(JsonNode root, String name) {
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!SIMPLE_KEYS.contains(key)) {
                throw refuse(name, "has an unknown key \"" + key + "\"",
                        "use only \"registry\", \"username\" and \"password\" (or docker's \"auths\" shape)");
            }
        }
        String registry = text(root, "registry", name, "");
        String key = RegistryLogin.configKey(registry);
        if (key == null) {
            throw refuse(name, "\"registry\" is not a registry host", "give HOST[:PORT], e.g. 127.0.0.1:5000 or "
                    + "registry.example.com (no path, no image name)");
        }
        return new RegistryLogin(key, text(root, "username", name, ""), text(root, "password", name, ""));
    }

    private static List<RegistryLogin> auths(JsonNode auths, String name) {
        if (!auths.isObject()) {
            throw refuse(name, "\"auths\" is not a JSON object", FORMAT);
        }
        List<RegistryLogin> logins = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "auths.\"" + e.getKey() + "\"";
            String key = RegistryLogin.configKey(e.getKey());
            if (key == null) {
                throw refuse(name, where + " is not a registry host", "key each entry by HOST[:PORT]");
            }
            JsonNode entry = e.getValue();
            if (!entry.isObject()) {
                throw refuse(name, where + " is not a JSON object", FORMAT);
            }
            if (entry.hasNonNull("auth")) {
                String[] userPassword = decode(entry.get("auth"), name, where);
                logins.add(new RegistryLogin(key, userPassword[0], userPassword[1]));
            } else if (entry.has("username") || entry.has("password")) {
                logins.add(new RegistryLogin(key, text(entry, "username", name, where + "."),
                        text(entry, "password", name, where + ".")));
            } else {
                throw refuse(name, where + " holds no credentials" + (entry.has("identitytoken")
                                ? " but an identity token, which is not supported" : "")
                                + " (a credsStore or credHelpers keeps docker login's elsewhere)",
                        "give it \"auth\" (base64 of user:password) or \"username\" and \"password\"");
            }
        }
        return logins;
    }

    private static String[] decode(JsonNode auth, String name, String where) {
        String decoded = null;
        if (auth.isTextual()) {
            try {
                decoded = new String(Base64.getDecoder().decode(auth.asText().strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                decoded = null;
            }
        }
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            throw refuse(name, where + ".auth is not base64 of user:password",
                    "write it as printf '%s' 'user:password' | base64 -w0 prints it, or give \"username\" and \"password\"");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static String text(JsonNode node, String field, String name, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw refuse(name, "has no \"" + where + field + "\"", FORMAT);
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw refuse(name, "\"" + where + field + "\" is not a non-empty string", FORMAT);
        }
        return v.asText();
    }

    private static MorganException refuse(String name, String problem, String hint) {
        return new MorganException(name, 0, 0, problem, hint);
    }
}
