package dev.morganbuild.engine.job;

import java.util.List;

/**
 * What a front end (the CLI, the Jenkins plugin, the benchmark) may use of the engine: the request and
 * the service that runs it ({@link StackRequest}, {@link BuildService}), and the models and readers
 * around the records. Everything else (compose and Dockerfile reading, argv rendering, progress
 * parsing) is the engine's own business. The front ends' architecture tests check their imports
 * against these lists.
 */
public final class FrontDoor {
    /** Engine packages a front end may use. */
    public static final List<String> PACKAGES = List.of(
            "dev.morganbuild.engine",          // MorganException
            "dev.morganbuild.engine.job",      // BuildService, StackRequest, StackBuildResult, BuildListener
            "dev.morganbuild.engine.plan",     // the plan, its text and label checks
            "dev.morganbuild.engine.record",   // build records
            "dev.morganbuild.engine.history",  // the history of records
            "dev.morganbuild.engine.trend",    // statistics and regressions
            "dev.morganbuild.engine.chart",    // chart options
            "dev.morganbuild.engine.report",   // the HTML report
            "dev.morganbuild.engine.cache",    // cache usage and pruning
            "dev.morganbuild.engine.json",     // the records' JSON form
            "dev.morganbuild.engine.exec");    // running docker: the command runner a front end may supply

    /** Classes of the compose model a plan exposes (read-only records); the readers stay inside. */
    public static final List<String> STACK_MODEL = List.of(
            "dev.morganbuild.engine.stack.Stack",
            "dev.morganbuild.engine.stack.Service",
            "dev.morganbuild.engine.stack.BuildSpec",
            "dev.morganbuild.engine.stack.BuildSecret",
            "dev.morganbuild.engine.stack.GpuRequirement",
            "dev.morganbuild.engine.stack.MorganSettings");

    private FrontDoor() {
    }

    /** True when a front end may use the class named {@code className} (a binary name; nested after {@code $}). */
    public static boolean admits(String className) {
        String top = className.replaceFirst("\\$.*", "");
        String pkg = top.lastIndexOf('.') < 0 ? "" : top.substring(0, top.lastIndexOf('.'));
        return !pkg.startsWith("dev.morganbuild.engine") || PACKAGES.contains(pkg) || STACK_MODEL.contains(top);
    }
}
