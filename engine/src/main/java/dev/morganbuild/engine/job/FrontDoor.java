package dev.morganbuild.engine.job;

import java.util.List;

/**
 * What a front end (the CLI, the Jenkins plugin) may use of the engine: the request and the service that
 * runs it ({@link StackRequest}, {@link BuildService}; for the caches {@code CacheRequest} and
 * {@code CacheService}), and the models and readers around the records.
 * Everything else (compose and Dockerfile reading, argv rendering, progress parsing) is the engine's own
 * business. The front ends' architecture tests check their classes against these lists; the engine's
 * {@code FrontDoorTest} checks the front ends' imports too, since the plugin's test needs Jenkins to run.
 * The benchmarks measure the engine's insides (compose parsing, progress parsing) and are not held to it.
 */
public final class FrontDoor {
    /** Engine packages a front end may use as a whole: the front ends use most of what they hold. */
    public static final List<String> PACKAGES = List.of(
            "dev.morganbuild.engine.job",      // BuildService, StackRequest, StackBuildResult, the agent's job
            "dev.morganbuild.engine.plan",     // the plan, its text, label checks and routing
            "dev.morganbuild.engine.record",   // build records
            "dev.morganbuild.engine.trend",    // statistics and regressions
            "dev.morganbuild.engine.exec");    // running docker: the command runner a front end may supply

    /** The few classes a front end may use of the other packages (top-level classes, with their nested ones). */
    public static final List<String> CLASSES = List.of(
            "dev.morganbuild.engine.MorganException",
            // the compose model a plan exposes (read-only records); the readers stay inside
            "dev.morganbuild.engine.stack.Stack",
            "dev.morganbuild.engine.stack.Service",
            "dev.morganbuild.engine.stack.BuildSpec",
            "dev.morganbuild.engine.stack.MorganSettings",
            // the caches: read and pruned through CacheService only; the values it answers with, as shown
            "dev.morganbuild.engine.cache.CacheService",
            "dev.morganbuild.engine.cache.CacheRequest",
            "dev.morganbuild.engine.cache.CacheOverview",
            "dev.morganbuild.engine.cache.CacheUsage",
            "dev.morganbuild.engine.cache.LedgerEntry",
            "dev.morganbuild.engine.cache.EngineCacheUsage",
            "dev.morganbuild.engine.cache.TypeUsage",
            "dev.morganbuild.engine.cache.CacheMountUsage",
            "dev.morganbuild.engine.cache.LayerAttribution",
            "dev.morganbuild.engine.cache.CacheForecast",
            "dev.morganbuild.engine.cache.DiskSpace",
            "dev.morganbuild.engine.cache.DfTotal",
            "dev.morganbuild.engine.cache.PruneResult",
            "dev.morganbuild.engine.cache.EnginePruneResult",
            // sizes (--budget, cacheBudget), the cache root's folder, the Jenkins builds sent to an agent
            "dev.morganbuild.engine.cache.ByteSize",
            "dev.morganbuild.engine.cache.CacheRoot",
            "dev.morganbuild.engine.cache.BuildWindow",
            "dev.morganbuild.engine.cache.BuildWindows",
            // morgan bench deletes its work folder
            "dev.morganbuild.engine.cache.DirectorySize",
            // the history of records
            "dev.morganbuild.engine.history.HistoryStore",
            "dev.morganbuild.engine.history.BuildSummary",
            "dev.morganbuild.engine.history.ReadReport",
            // chart options and the HTML report
            "dev.morganbuild.engine.chart.Charts",
            "dev.morganbuild.engine.chart.TimelineChart",
            "dev.morganbuild.engine.report.ReportBuilder",
            "dev.morganbuild.engine.report.ReportModel",
            "dev.morganbuild.engine.report.HtmlReportWriter",
            // the records' JSON form
            "dev.morganbuild.engine.json.Json");

    private FrontDoor() {
    }

    /** True when a front end may use the class named {@code className} (a binary name; nested after {@code $}). */
    public static boolean admits(String className) {
        String top = className.replaceFirst("\\$.*", "");
        String pkg = top.lastIndexOf('.') < 0 ? "" : top.substring(0, top.lastIndexOf('.'));
        return !pkg.startsWith("dev.morganbuild.engine") || PACKAGES.contains(pkg) || CLASSES.contains(top);
    }
}
