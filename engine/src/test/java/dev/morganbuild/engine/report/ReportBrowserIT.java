package dev.morganbuild.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.trend.RegressionDetector;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report of a generated 30-build, 4-service history in headless Chromium (Debian's
 * {@code chromium}, installed by scripts/test.sh; {@code MORGAN_CHROMIUM} names another binary) and
 * reads what report.js wrote into {@code #report-status}: every chart drawn, no script error, one
 * timeline bar per service, and a click on the first trend point lands on that build's section.
 * Without Chromium it fails, never skips. Leaves a screenshot in target/report-screenshot.png.
 */
class ReportBrowserIT {
    private static final Pattern STATUS = Pattern.compile("<pre id=\"report-status\"[^>]*>(.*?)</pre>", Pattern.DOTALL);
    private static Path index;
    private static String html;
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeReport() throws IOException {
        ReportFixture f = ReportFixture.generate();
        index = HtmlReportWriter.write(dir.resolve("report"), ReportBuilder.build("morgan-build report", f.summaries,
                f::record, 200, RegressionDetector.defaults()));
        html = Files.readString(index);
    }

    @Test
    void shouldDrawEveryChartWithoutScriptErrorsAndFollowAClickOnATrendPoint() throws Exception {
        Run run = chromium("--virtual-time-budget=15000", "--dump-dom", index.toUri() + "?selftest");

        Matcher m = STATUS.matcher(run.out);
        assertThat(m.find()).as("report status in the DOM Chromium dumped:%n%s", run.err).isTrue();
        JsonNode status = Json.mapper().readTree(m.group(1).replace("&quot;", "\"").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&"));
        int charts = count(html, "data-chart=\"");
        assertThat(charts).isEqualTo(3 + 3); // trend, cache hits, timeline; steps of core, tts, web (stt is all cached)
        assertThat(status.path("errors")).as("script errors").isEmpty();
        assertThat(run.err).doesNotContain("Uncaught");
        assertThat(status.path("charts").asInt()).isEqualTo(charts);
        assertThat(status.path("rendered")).hasSize(charts);
        assertThat(count(run.out, "<canvas")).isGreaterThanOrEqualTo(charts);
        assertThat(status.path("timelineBars").asInt()).isEqualTo(ReportFixture.SERVICES.size());
        assertThat(status.path("clicked").asBoolean()).isTrue();
        assertThat(status.path("hash").asText()).isEqualTo("#build-1");
        assertThat(html).contains("<section class=\"build\" id=\"build-1\">");
    }

    @Test
    void shouldTakeAScreenshotOfTheReport() throws Exception {
        Path png = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(png);

        chromium("--virtual-time-budget=15000", "--hide-scrollbars", "--window-size=1280,2000", "--screenshot=" + png,
                index.toUri().toString());

        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(50_000); // a blank page is a few kB
    }

    private record Run(String out, String err) {
    }

    private static Run chromium(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(binary(), "--headless", "--disable-gpu", "--no-sandbox",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + dir.resolve("profile")));
        argv.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + argv);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("chromium exit code; stderr:%n%s", stderr).isZero();
        return new Run(Files.readString(out, StandardCharsets.UTF_8), stderr);
    }

    private static String binary() {
        String named = System.getenv("MORGAN_CHROMIUM");
        if (named != null && !named.isBlank()) {
            return named;
        }
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (Files.isExecutable(Path.of(dirName, name))) {
                    return Path.of(dirName, name).toString();
                }
            }
        }
        throw new AssertionError("ReportBrowserIT needs Chromium: install Debian's package (apt-get install -y chromium,"
                + " as scripts/test.sh does) or set MORGAN_CHROMIUM to a Chromium binary");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
