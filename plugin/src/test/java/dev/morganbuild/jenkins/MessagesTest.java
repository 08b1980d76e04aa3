package dev.morganbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The plugin's texts go through MessageFormat (Messages.java and Jelly's ${%key(args)}): a single quote
 * there starts a quoted run that swallows the placeholders after it, so "agent '{0}'" would print
 * "agent {0}". Every quote must be doubled, and every placeholder must be filled. The calls are
 * checked against the texts: a {@code Messages.X(...)} whose key is missing, or that passes another
 * number of arguments than its text has placeholders, fails the build only when Messages.java is
 * generated; a {@code ${%key(args)}} whose key is missing from the page's properties prints the key.
 */
class MessagesTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path JAVA = Path.of("src/main/java");
    private static final Path MESSAGES = RESOURCES.resolve("dev/morganbuild/jenkins/Messages.properties");
    /** {@code Messages.Step_Error(} and the Localizable form {@code Messages._Step_Error(}. */
    private static final Pattern CALL = Pattern.compile("\\bMessages\\._?([A-Za-z][A-Za-z0-9_]*)\\s*\\(");
    /** The attributes a user reads (or a screen reader speaks). */
    private static final List<String> LABELS = List.of("title", "aria-label", "alt", "placeholder", "tooltip");

    @Test
    void shouldWriteEveryQuoteDoubledSoThatPlaceholdersAreFilled() throws Exception {
        List<Path> files = files(RESOURCES, ".properties");
        assertThat(files).as("Messages.properties and the pages' properties")
                .anyMatch(p -> p.endsWith("dev/morganbuild/jenkins/Messages.properties"));
        for (Path file : files) {
            Properties texts = load(file);
            for (String key : texts.stringPropertyNames()) {
                String text = texts.getProperty(key);
                assertThat(text).as(file + ": " + key + " has a lone single quote (write '')")
                        .doesNotContainPattern("(?<!')'(?!')");
                String shown = MessageFormat.format(text, "A0", "A1", "A2", "A3", "A4");
                assertThat(shown).as(file + ": " + key).doesNotContain("{").doesNotContain("''");
                // Messages.X takes one argument per index up to the highest: a gap would be an argument never shown
                for (int i = 0; i < placeholders(text); i++) {
                    assertThat(shown).as(file + ": " + key + " skips {" + i + "}").contains("A" + i);
                }
            }
        }
    }

    @Test
    void shouldFindEveryMessageTheSourcesCallWithItsNumberOfArguments() throws IOException {
        Map<String, Integer> keys = messageKeys();
        List<String> problems = new ArrayList<>();
        List<Call> calls = messageCalls();
        for (Call c : calls) {
            Integer wanted = keys.get(c.method());
            if (wanted == null) {
                problems.add(c + ": no key for Messages." + c.method() + " in Messages.properties");
            } else if (wanted != c.arguments()) {
                problems.add(c + ": Messages." + c.method() + " takes " + wanted + " arguments, given " + c.arguments());
            }
        }
        assertThat(calls).as("calls from Java and from Morgan.groovy").extracting(c -> c.file().getFileName().toString())
                .contains("MorganCachesLink.java", "Morgan.groovy");
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldUseEveryTextOfMessagesProperties() throws IOException {
        List<String> called = messageCalls().stream().map(Call::method).toList();
        List<String> unused = messageKeys().keySet().stream().filter(k -> !called.contains(k)).toList();

        assertThat(unused).as("texts no source calls").isEmpty();
    }

    @Test
    void shouldFindEveryJellyKeyWithArgumentsInItsPagesProperties() throws Exception {
        List<String> problems = new ArrayList<>();
        int withArguments = 0;
        for (Path jelly : files(RESOURCES, ".jelly")) {
            String page = Files.readString(jelly, StandardCharsets.UTF_8);
            String name = jelly.getFileName().toString();
            Path sibling = jelly.resolveSibling(name.substring(0, name.length() - ".jelly".length()) + ".properties");
            Properties texts = Files.exists(sibling) ? load(sibling) : new Properties();
            for (int at = page.indexOf("${%"); at >= 0; at = page.indexOf("${%", at + 1)) {
                int open = at + 3;
                int end = firstOf(page, open, "(}");
                if (end < 0 || page.charAt(end) == '}') {
                    continue; // ${%Refresh}: the key is the English text, shown as it is without an entry
                }
                withArguments++;
                String key = page.substring(open, end);
                int close = closingParenthesis(page, end);
                int given = arguments(page.substring(end + 1, close));
                String where = jelly + ": ${%" + key + "(...)}";
                if (!texts.containsKey(key)) {
                    problems.add(where + ": no key " + key + " in " + sibling.getFileName());
                } else if (placeholders(texts.getProperty(key)) != given) {
                    problems.add(where + ": the text has " + placeholders(texts.getProperty(key)) + " placeholders, given "
                            + given + " arguments");
                }
            }
        }
        assertThat(withArguments).as("${%key(args)} in the pages").isGreaterThanOrEqualTo(10);
        assertThat(problems).isEmpty();
    }

    /**
     * The pages (not the help files, nor the plugin's description in index.jelly, which Jenkins shows as
     * written) hold no English of their own: text and labels are ${%...}, or values the views compute.
     */
    @Test
    void shouldKeepThePagesTextInMessages() throws Exception {
        List<Path> pages = files(RESOURCES, ".jelly").stream()
                .filter(p -> !p.getFileName().toString().startsWith("help") && !p.equals(RESOURCES.resolve("index.jelly")))
                .toList();
        List<String> literal = new ArrayList<>();
        for (Path page : pages) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(page.toFile());
            collectLiteralText(doc.getDocumentElement(), page, literal);
        }
        assertThat(pages).anyMatch(p -> p.endsWith("caches/MorganCachesLink/index.jelly"));
        assertThat(literal).isEmpty();
    }

    private static void collectLiteralText(Element e, Path page, List<String> out) {
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            boolean label = LABELS.contains(a.getNodeName())
                    || a.getNodeName().equals("value") && e.getTagName().equals("f:submit");
            if (label && hasLiteralText(a.getNodeValue())) {
                out.add(page + ": <" + e.getTagName() + " " + a.getNodeName() + "=\"" + a.getNodeValue() + "\">");
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                collectLiteralText(child, page, out);
            } else if (n.getNodeType() == Node.TEXT_NODE && hasLiteralText(n.getNodeValue())) {
                out.add(page + ": <" + e.getTagName() + ">" + n.getNodeValue().strip());
            }
        }
    }

    /** Whether a letter is left once the ${...} expressions are taken out. */
    private static boolean hasLiteralText(String text) {
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                int depth = 0;
                for (; i < text.length(); i++) {
                    char c = text.charAt(i);
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                    if (depth == 0 && c == '}') {
                        break;
                    }
                }
            } else {
                rest.append(text.charAt(i));
            }
        }
        return rest.chars().anyMatch(Character::isLetter);
    }

    /** A call {@code Messages.method(...)} in a source file and how many arguments it passes. */
    private record Call(Path file, int line, String method, int arguments) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    private static List<Call> messageCalls() throws IOException {
        List<Path> sources = new ArrayList<>(files(JAVA, ".java"));
        sources.addAll(files(RESOURCES, ".groovy"));
        List<Call> calls = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            Matcher m = CALL.matcher(text);
            while (m.find()) {
                int open = m.end() - 1;
                int close = closingParenthesis(text, open);
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                calls.add(new Call(source, line, m.group(1), arguments(text.substring(open + 1, close))));
            }
        }
        return calls;
    }

    /** Messages.properties' keys as the generated methods are named ({@code Step.Error} is {@code Step_Error}), with their arities. */
    private static Map<String, Integer> messageKeys() throws IOException {
        Properties texts = load(MESSAGES);
        Map<String, Integer> keys = new TreeMap<>();
        for (String key : texts.stringPropertyNames()) {
            StringBuilder method = new StringBuilder();
            key.chars().forEach(c -> method.append(Character.isJavaIdentifierPart(c) ? (char) c : '_'));
            keys.put(method.toString(), placeholders(texts.getProperty(key)));
        }
        return keys;
    }

    /** The number of arguments the text takes, as the generated method counts them (the highest index plus one). */
    private static int placeholders(String text) {
        return new MessageFormat(text).getFormatsByArgumentIndex().length;
    }

    /** The index of the parenthesis that closes the one at {@code open}, skipping strings and nested brackets. */
    private static int closingParenthesis(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfString(text, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no closing parenthesis after " + text.substring(open, Math.min(text.length(), open + 80)));
    }

    /** How many top-level, comma-separated arguments {@code list} (the text between the parentheses) holds. */
    private static int arguments(String list) {
        if (list.isBlank()) {
            return 0;
        }
        int count = 1;
        int depth = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfString(list, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                count++;
            }
        }
        return count;
    }

    /** The index of the quote that ends the string (or char literal) starting at {@code start}. */
    private static int endOfString(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == quote) {
                return i;
            }
        }
        return text.length();
    }

    private static int firstOf(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties texts = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            texts.load(in);
        }
        return texts;
    }
}
