package dev.morganbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin's texts go through MessageFormat (Messages.java and Jelly's ${%key(args)}): a single quote
 * there starts a quoted run that swallows the placeholders after it, so "agent '{0}'" would print
 * "agent {0}". Every quote must be doubled, and every placeholder must be filled.
 */
class MessagesTest {
    private static final Path RESOURCES = Path.of("src/main/resources");

    @Test
    void shouldWriteEveryQuoteDoubledSoThatPlaceholdersAreFilled() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(RESOURCES)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".properties")).toList();
        }
        assertThat(files).as("Messages.properties and the pages' properties")
                .anyMatch(p -> p.endsWith("dev/morganbuild/jenkins/Messages.properties"));
        for (Path file : files) {
            Properties texts = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                texts.load(in);
            }
            for (String key : texts.stringPropertyNames()) {
                String text = texts.getProperty(key);
                assertThat(text).as(file + ": " + key + " has a lone single quote (write '')")
                        .doesNotContainPattern("(?<!')'(?!')");
                String shown = MessageFormat.format(text, "A0", "A1", "A2", "A3", "A4");
                assertThat(shown).as(file + ": " + key).doesNotContain("{").doesNotContain("''");
            }
        }
    }
}
