package dev.morganbuild.jenkins.steps;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;

/**
 * The compose-project options {@code morganBuild} and {@code morganPlan} share ({@code composeFiles},
 * {@code profiles}, {@code envFile}): each a list, which a Pipeline script may also write as one
 * comma-separated string, and the Snippet Generator's form sends as one text box.
 */
final class ComposeOptions {
    /** The step fields that hold such lists. */
    static final List<String> LIST_FIELDS = List.of("composeFiles", "profiles", "envFile");

    private ComposeOptions() {
    }

    /** Trimmed, non-empty entries; each entry may itself hold several separated by commas. */
    static List<String> clean(Collection<?> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values == null ? List.of() : values) {
            if (v != null) {
                out.addAll(split(v.toString()));
            }
        }
        return List.copyOf(out);
    }

    /** {@code "a.yml, b.yml"} as its entries. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text == null ? new String[0] : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** The entries as the form's text box shows them. */
    static String text(List<String> values) {
        return String.join(", ", values);
    }

    /** A Pipeline script's arguments with a string in a list field turned into the list (CustomDescribableModel). */
    static Map<String, Object> instantiate(Map<String, Object> arguments) {
        Map<String, Object> out = new LinkedHashMap<>(arguments);
        for (String field : LIST_FIELDS) {
            if (out.get(field) instanceof CharSequence text) {
                out.put(field, split(text.toString()));
            }
        }
        return out;
    }

    /** The form's text boxes bound as the lists the steps hold. */
    static void bindForm(JSONObject data) {
        for (String field : LIST_FIELDS) {
            if (data.has(field) && !(data.get(field) instanceof JSONArray)) {
                data.put(field, JSONArray.fromObject(split(data.optString(field, ""))));
            }
        }
    }
}
