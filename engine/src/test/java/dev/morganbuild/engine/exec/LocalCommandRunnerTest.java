package dev.morganbuild.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real processes: output is passed on line by line, and no line can grow without bound. */
class LocalCommandRunnerTest {
    @Test
    void shouldSplitLinesAsReadLineDoes() throws Exception {
        List<String> lines = new ArrayList<>();
        LocalCommandRunner.pumpLines(new StringReader("a\nb\r\nc\rd\n\ne"), lines::add);

        assertThat(lines).containsExactly("a", "b", "c", "d", "", "e");
    }

    @Test
    void shouldPassOnAnEndlessLineInBoundedPiecesWithoutLosingAByte() throws Exception {
        List<Integer> lengths = new ArrayList<>();
        // 3,000,000 bytes without a newline, then one short line: a build step that prints a binary
        int exit = new LocalCommandRunner().run(Command.of(List.of("sh", "-c",
                "head -c 3000000 /dev/zero | tr '\\0' 'x'; echo; echo done")), line -> lengths.add(line.length()));

        assertThat(exit).isZero();
        assertThat(lengths).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(LocalCommandRunner.MAX_LINE_CHARS));
        assertThat(lengths.stream().mapToLong(Integer::longValue).sum()).isEqualTo(3_000_000L + "done".length());
        assertThat(lengths.get(lengths.size() - 1)).isEqualTo(4);
    }
}
