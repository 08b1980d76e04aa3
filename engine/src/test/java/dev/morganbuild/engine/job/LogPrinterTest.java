package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A detached build's log: parallel services share one Jenkins console, so each docker line names its service. */
class LogPrinterTest {
    @Test
    void shouldPutTheServiceInFrontOfEachDockerLineAndNameItInMessages() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogPrinter printer = new LogPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        printer.output("tts", "#7 [deps 2/4] RUN pip install -r requirements.txt");
        printer.output("llm", "#5 DONE 0.1s");
        printer.message("tts", "pushed 127.0.0.1:5000/tts:latest");

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "[tts] #7 [deps 2/4] RUN pip install -r requirements.txt",
                "[llm] #5 DONE 0.1s",
                "[morgan] tts: pushed 127.0.0.1:5000/tts:latest");
    }
}
