package dev.morganbuild.engine.report;

import dev.morganbuild.engine.trend.RegressionDetector;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportPreviewTest {
    @Test
    void shouldWritePreview() throws Exception {
        ReportFixture f = ReportFixture.generate();
        HtmlReportWriter.write(Path.of("/tmp/trends/report"), ReportBuilder.build("preview", f.summaries, f::record, 200,
                RegressionDetector.defaults()));
    }
}
