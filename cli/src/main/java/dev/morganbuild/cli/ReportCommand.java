package dev.morganbuild.cli;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.report.HtmlReportWriter;
import dev.morganbuild.engine.report.ReportBuilder;
import dev.morganbuild.engine.report.ReportModel;
import dev.morganbuild.engine.trend.Regression;
import dev.morganbuild.engine.trend.RegressionDetector;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML report: build-time and cache-hit trends by build, the time the cache"
                + " saved, the latest build's timeline, per-step breakdown, regressions.")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    StackOptions stackOptions;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Folder to write index.html into.")
    Path out;

    @Option(names = {"--builds", "--last"}, paramLabel = "N", defaultValue = "200",
            description = "Builds (morgan calls) to chart, the latest ones (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(names = "--title", defaultValue = "morgan-build report", description = "Report title.")
    String title;

    @Override
    public Integer call() throws Exception {
        HistoryStore history = new HistoryStore(stackOptions.historyDir());
        List<BuildSummary> summaries = history.summaries(Integer.MAX_VALUE);
        ReportModel model = ReportBuilder.build(title, summaries, history::record, last, RegressionDetector.defaults());
        Path index = HtmlReportWriter.write(out.toAbsolutePath(), model);
        System.out.println("report: " + index);
        System.out.println(summaries.size() + " build(s) of " + model.stats().size() + " service(s)");
        HistoryWarnings.print(history, System.out);
        List<Regression> regressions = model.regressions();
        if (regressions.isEmpty()) {
            System.out.println("no regressions");
        } else {
            regressions.forEach(r -> System.out.println("REGRESSION " + r.describe()));
        }
        return MorganCli.OK;
    }
}
