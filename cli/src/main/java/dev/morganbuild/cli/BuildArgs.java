package dev.morganbuild.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a plain {@code morgan build ...} command line without picocli, for the commonest call.
 *
 * <p>Why: picocli is compiled for Java 5, so the JVM can neither share its classes from the AppCDS
 * archive nor verify them with the fast verifier. Building its model of the command line costs about
 * 150 ms of a warm build's half second. This reader knows the {@code build} command's options and sets
 * the same fields picocli would ({@code BuildArgsTest} compares both over a table of command lines and
 * every option of the command). Whatever it does not recognise, it leaves to picocli: it returns
 * {@code null} for help and version, unknown or clustered options ({@code -qj2}), a value that looks
 * like an option, an option given twice that may be given once, {@code --all} with services, an
 * {@code @file}, {@code --}, an empty argument, a number it would have to interpret. picocli then
 * parses the line and gives its usual messages and exit codes.
 */
final class BuildArgs {
    private BuildArgs() {
    }

    /** The {@code build} command this command line asks for, or null to let picocli read it. */
    static BuildCommand parse(String... args) {
        if (args.length == 0 || !args[0].equals("build")) {
            return null;
        }
        BuildCommand c = new BuildCommand();
        c.stackOptions = new StackOptions();
        c.cacheMode = new PlanCommand.CacheModeOptions();
        c.selection = new SelectionOptions();
        // picocli's defaultValue attributes, which a plain constructor does not apply
        c.parallel = 2;
        c.builder = "morgan";
        c.progress = "plain";
        StackOptions s = c.stackOptions;
        Set<String> given = new HashSet<>();
        List<String> services = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.isEmpty() || arg.charAt(0) == '@') {
                return null;
            }
            if (arg.charAt(0) != '-') {
                services.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = canonical(eq > 0 ? arg.substring(0, eq) : arg);
            if (name == null || !given.add(name) && !repeatable(name)) {
                return null;
            }
            if (flag(name)) {
                if (eq > 0 || c.selection.group != null && group(name)) {
                    return null; // --quiet=true; --all with --cpu (picocli: only one of them)
                }
                setFlag(c, name);
                continue;
            }
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.isEmpty() || value.charAt(0) == '-' || value.charAt(0) == '@' || !setValue(c, s, name, value)) {
                return null;
            }
        }
        if (!services.isEmpty()) {
            if (c.selection.group != null) {
                return null; // picocli's message: name services or use --all/--cpu/--cuda, not both
            }
            c.selection.services = services;
        }
        return c;
    }

    /** The option's long name for each of its names; null for names this reader leaves to picocli. */
    private static String canonical(String name) {
        return switch (name) {
            case "-f", "--file" -> "--file";
            case "--trust-root", "--project-dir" -> "--trust-root";
            case "-j", "--parallel" -> "--parallel";
            case "-t", "--tag" -> "--tag";
            case "-q", "--quiet" -> "--quiet";
            case "--project-directory", "--env-file", "--profile", "--cache-root", "--history", "--all", "--cpu",
                    "--cuda", "--no-cache", "--nightly", "--cache-mounts", "--docker", "--backend", "--builder",
                    "--network", "--budget", "--build-arg", "--target", "--push", "--registry",
                    "--registry-credentials-file", "--timings", "--smoke-test", "--node", "--progress", "--json",
                    "--fail-on-regression", "--fail-fast" -> name;
            default -> null;
        };
    }

    private static boolean repeatable(String name) {
        return switch (name) {
            case "--file", "--env-file", "--profile", "--build-arg", "--tag" -> true;
            default -> false;
        };
    }

    private static boolean flag(String name) {
        return switch (name) {
            case "--all", "--cpu", "--cuda", "--no-cache", "--nightly", "--push", "--timings", "--smoke-test",
                    "--json", "--quiet", "--fail-on-regression", "--fail-fast" -> true;
            default -> false;
        };
    }

    private static boolean group(String name) {
        return name.equals("--all") || name.equals("--cpu") || name.equals("--cuda");
    }

    private static void setFlag(BuildCommand c, String name) {
        switch (name) {
            case "--all", "--cpu", "--cuda" -> {
                c.selection.group = new SelectionOptions.Group();
                c.selection.group.all = name.equals("--all");
                c.selection.group.cpu = name.equals("--cpu");
                c.selection.group.cuda = name.equals("--cuda");
            }
            case "--no-cache" -> c.cacheMode.noCache = true;
            case "--nightly" -> c.cacheMode.nightly = true;
            case "--push" -> c.push = true;
            case "--timings" -> c.timings = true;
            case "--smoke-test" -> c.smokeTest = true;
            case "--json" -> c.json = true;
            case "--quiet" -> c.quiet = true;
            case "--fail-on-regression" -> c.failOnRegression = true;
            case "--fail-fast" -> c.failFast = true;
            default -> throw new IllegalArgumentException(name);
        }
    }

    /** Sets an option's value; false when the value is one picocli would have to convert itself. */
    private static boolean setValue(BuildCommand c, StackOptions s, String name, String value) {
        try {
            switch (name) {
                case "--file" -> s.composeFiles = add(s.composeFiles, Path.of(value));
                case "--project-directory" -> s.projectDirectory = Path.of(value);
                case "--env-file" -> s.envFiles = add(s.envFiles, Path.of(value));
                case "--profile" -> s.profiles = add(s.profiles, value);
                case "--trust-root" -> s.trustRoot = Path.of(value);
                case "--cache-root" -> s.cacheRoot = Path.of(value);
                case "--history" -> s.history = Path.of(value);
                case "--cache-mounts" -> c.cacheMode.cacheMounts = value;
                case "--parallel" -> {
                    if (!plainInt(value)) {
                        return false;
                    }
                    c.parallel = Integer.parseInt(value);
                }
                case "--docker" -> c.docker = value;
                case "--backend" -> c.backend = value;
                case "--builder" -> c.builder = value;
                case "--network" -> c.network = value;
                case "--budget" -> c.budget = value;
                case "--build-arg" -> c.buildArgs.add(value);
                case "--tag" -> c.tags.add(value);
                case "--target" -> c.target = value;
                case "--registry" -> c.registry = value;
                case "--registry-credentials-file" -> c.registryCredentialsFile = Path.of(value);
                case "--node" -> c.node = value;
                case "--progress" -> c.progress = value;
                default -> throw new IllegalArgumentException(name);
            }
            return true;
        } catch (InvalidPathException e) {
            return false; // picocli's message names the option and the value
        }
    }

    /** 0, or 1 to 999999999 without a sign or leading zeros: no doubt about what picocli would make of it. */
    private static boolean plainInt(String v) {
        if (v.length() > 9 || v.length() > 1 && v.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static <T> List<T> add(List<T> list, T value) {
        List<T> l = list == null ? new ArrayList<>() : list;
        l.add(value);
        return l;
    }
}
