package dev.morganbuild.engine.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/compose-compatibility.md lists exactly the fields the parser knows, with the status it gives them. */
class ComposeCompatibilityDocTest {
    private static final Path DOC = Path.of("..", "docs", "compose-compatibility.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_*.-]+)` \\| (supported|ignored|refused) \\|.*$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    private static Map<String, String> table(String heading) throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("## " + heading + "\n");
        assertThat(start).as("section %s", heading).isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        Matcher m = ROW.matcher(doc.substring(start, end < 0 ? doc.length() : end));
        Map<String, String> out = new LinkedHashMap<>();
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Test
    void shouldListEveryBuildFieldWithTheStatusTheReaderGivesIt() throws IOException {
        Map<String, String> build = table("services.*.build");
        assertThat(build.keySet()).containsExactlyInAnyOrderElementsOf(BuildSectionReader.KEYS);
        build.forEach((field, status) -> assertThat(status).as(field).isEqualTo(
                BuildSectionReader.REFUSED.contains(field) ? "refused" : BuildSectionReader.IGNORED.contains(field) ? "ignored" : "supported"));
    }

    @Test
    void shouldListEveryTopLevelElement() throws IOException {
        assertThat(table("Top-level elements").keySet()).containsExactlyInAnyOrderElementsOf(ComposeParser.TOP_LEVEL);
    }

    @Test
    void shouldAcceptIgnoredFieldsAndRefuseRefusedOnes() {
        StringBuilder yaml = new StringBuilder("services:\n  app:\n    build:\n      context: app\n");
        BuildSectionReader.IGNORED.forEach(f -> yaml.append("      ").append(f).append(": x\n"));
        assertThat(Fixture.parse(Fixture.project(dir, yaml.toString())).serviceNames()).containsExactly("app");
        for (String refused : BuildSectionReader.REFUSED) {
            Path f = Fixture.project(dir, "services:\n  app:\n    build:\n      context: app\n      " + refused + ": x\n");
            Fixture.assertError(() -> Fixture.parse(f), f, 5, 7, "is not supported by morgan-build");
        }
    }
}
