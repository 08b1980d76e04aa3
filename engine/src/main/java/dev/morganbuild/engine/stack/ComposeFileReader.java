package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.text.Utf8Text;
import dev.morganbuild.engine.MorganException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a compose file into a SnakeYAML node tree within hostile-input limits: only regular files,
 * at most 32 MB and 8 million characters, strict UTF-8 (or UTF-16 with a byte-order mark), nesting at
 * most {@value #MAX_NESTING} deep as written, no duplicate or recursive keys, and a bounded size and
 * depth once aliases are expanded ({@link ExpandedSize}: an alias bomb is refused, not expanded, while
 * hundreds of {@code <<:} merge keys are fine). Every failure is a located {@link MorganException}.
 */
final class ComposeFileReader {
    static final int MAX_NESTING = 64;
    static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
    static final long MAX_BYTES = 4L * MAX_CODE_POINTS;

    private ComposeFileReader() {
    }

    /** The node tree of the compose file at {@code path}; never null. */
    static Node read(Path path) {
        String file = path.toString();
        Node node;
        try {
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                // a directory, device or pipe: /dev/zero would be read forever, a pipe would block
                throw new MorganException(file, 0, 0, "the compose file is not a regular file (a directory, device "
                        + "or pipe)", "point at the docker-compose.yml itself");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new MorganException(file, 1, 1, "the compose file is larger than 32 MB",
                        "a compose file this large is almost certainly generated or hostile; keep it under 8 MB");
            }
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                    || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
                // a UTF-16 byte-order mark: let SnakeYAML's reader pick the encoding, as docker compose does
                try (Reader reader = new UnicodeReader(new java.io.ByteArrayInputStream(bytes))) {
                    node = compose(file, reader);
                }
            } else {
                node = compose(file, new java.io.StringReader(Utf8Text.decode(file, bytes, "a compose file")));
            }
        } catch (NoSuchFileException e) {
            throw new MorganException(file, 0, 0, "compose file not found",
                    "check the path, or pass the compose file explicitly (e.g. -f docker-compose.yml)");
        } catch (IOException e) {
            throw new MorganException(file, 0, 0, "cannot read the compose file: " + e.getMessage(),
                    "check that the file is readable by the build user", e);
        }
        if (node == null) {
            throw new MorganException(file, 1, 1, "the compose file is empty",
                    "add a 'services:' section with at least one service that has a 'build:' section");
        }
        ExpandedSize.check(file, node);
        return node;
    }

    private static Node compose(String file, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(Integer.MAX_VALUE); // bounded by ExpandedSize instead
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowDuplicateKeys(false);
        TrackingParser parser = new TrackingParser(new ParserImpl(new StreamReader(reader), options));
        try {
            return new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new MorganException(file, ComposeYaml.line(mark), ComposeYaml.column(mark), "invalid YAML: " + problem,
                    "fix the YAML syntax here: check indentation, quoting, and that each key ends with ':'", e);
        } catch (YAMLException e) {
            throw limitError(file, parser.last, e);
        }
    }

    private static MorganException limitError(String file, Mark at, YAMLException e) {
        String msg = String.valueOf(e.getMessage());
        String hint;
        if (msg.contains("Nesting Depth")) {
            hint = "nest lists and maps at most " + MAX_NESTING + " levels deep";
        } else if (msg.contains("Recursive key")) {
            hint = "remove the alias that makes a mapping key contain itself";
        } else if (msg.contains("exceeds the limit")) {
            hint = "keep the compose file under 8 MB (8 million characters)";
        } else {
            hint = "fix the YAML at this position";
        }
        return new MorganException(file, ComposeYaml.line(at), ComposeYaml.column(at), "refused YAML: " + msg, hint, e);
    }

    /** Remembers the last event's position: SnakeYAML's limit errors carry no position. */
    private static final class TrackingParser implements Parser {
        private final Parser delegate;
        private Mark last;

        TrackingParser(Parser delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return delegate.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            Event e = delegate.peekEvent();
            last = e == null ? last : e.getStartMark();
            return e;
        }

        @Override
        public Event getEvent() {
            Event e = delegate.getEvent();
            last = e == null ? last : e.getStartMark();
            return e;
        }
    }
}
