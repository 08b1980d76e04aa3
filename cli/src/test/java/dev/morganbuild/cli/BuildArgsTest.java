package dev.morganbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The build command's fast reader sets what picocli sets, and leaves to picocli what it does not know. */
class BuildArgsTest {
    static final String EXAMPLE = MorganCliTest.EXAMPLE;

    /** Command lines as users and scripts write them. */
    static Stream<String> commandLines() {
        return Stream.of(
                "build",
                "build core -q",
                "build core tts stt",
                "build core -q tts",
                "build --all",
                "build --cpu -q",
                "build --cuda --nightly",
                "build --all -f examples/morgan-stack/docker-compose.yml --parallel 1",
                "build core -q -f a.yml -f b.yml --file c.yml",
                "build -f=a.yml --file=b.yml core",
                "build tts --no-cache --cache-mounts drop --timings --json",
                "build --nightly --cache-mounts=keep --all",
                "build core -j 4 --fail-fast --smoke-test",
                "build --all --fail-on-regression -q",
                "build core -j=1 --docker /usr/bin/docker --backend buildx --builder mine --progress rawjson",
                "build core --network host --budget 20GiB --target deps --node agent-7",
                "build core --build-arg A=1 --build-arg B=x=y --build-arg=C=3 -t x:1 --tag y:2 -t=z:3",
                "build core --push --registry 127.0.0.1:5000/team --registry-credentials-file creds.json",
                "build --project-directory proj --env-file a.env --env-file=b.env --profile gpu --profile=* core",
                "build --trust-root /srv/repo --cache-root /tmp/c --history /tmp/h core",
                "build --project-dir /srv/repo core",
                "build core -j 0",
                "build core -j 999999999",
                "build core --network=host=odd",
                "build core --node agent --quiet --json --timings --fail-fast --smoke-test --push --no-cache");
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void shouldSetWhatPicocliSetsForCommandLinesItReads(String line) {
        String[] argv = line.split(" ");

        BuildCommand fast = BuildArgs.parse(argv);

        assertThat(fast).as("read without picocli: %s", line).isNotNull();
        assertThat(settings(fast)).isEqualTo(settings(picocli(argv)));
    }

    /** Every option of {@code morgan build}, by each of its names, alone, with '=' and repeated where it may be. */
    @Test
    void shouldReadEveryOptionOfTheBuildCommandAsPicocliDoes() {
        List<OptionSpec> options = buildSpec().options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
        List<String[]> lines = new ArrayList<>();
        for (OptionSpec o : options) {
            for (String name : o.names()) {
                if (o.arity().max() == 0) {
                    lines.add(new String[] {"build", name});
                    lines.add(new String[] {"build", "-f", "x.yml", name, "--node", "n1"});
                    continue;
                }
                String v = sample(o);
                lines.add(new String[] {"build", name, v});
                lines.add(new String[] {"build", name + "=" + v, "core"});
                if (o.isMultiValue()) {
                    lines.add(new String[] {"build", name, v, "core", o.longestName(), v + "2", name + "=" + v + "3"});
                }
            }
        }
        for (String[] argv : lines) {
            BuildCommand fast = BuildArgs.parse(argv);

            assertThat(fast).as("read without picocli: %s", String.join(" ", argv)).isNotNull();
            assertThat(settings(fast)).as(String.join(" ", argv)).isEqualTo(settings(picocli(argv)));
        }
        assertThat(options).extracting(OptionSpec::longestName).contains("--file", "--parallel", "--all", "--cuda",
                "--no-cache", "--cache-mounts", "--registry-credentials-file", "--quiet", "--fail-on-regression", "--fail-fast");
    }

    /**
     * Help, version, other commands, and whatever picocli would refuse or has to interpret: the fast
     * reader declines, so picocli gives its usual answer, message and exit code.
     */
    @ParameterizedTest
    @MethodSource("declined")
    void shouldLeaveToPicocliWhatItDoesNotRead(List<String> argv) {
        assertThat(BuildArgs.parse(argv.toArray(String[]::new))).isNull();
    }

    static Stream<List<String>> declined() {
        return Stream.of(List.of(), List.of("--help"), List.of("-V"), List.of("plan", "core"), List.of("help", "build"),
                List.of("build", "--help"), List.of("build", "-h"), List.of("build", "--version"), List.of("build", "-V"),
                List.of("build", "--paralel", "2"), List.of("build", "-qj", "2"), List.of("build", "-j2"),
                List.of("build", "-q", "-q"), List.of("build", "-q", "--quiet"), List.of("build", "--target", "a", "--target", "b"),
                List.of("build", "--all", "--cpu"), List.of("build", "--all", "--all"), List.of("build", "--all", "core"),
                List.of("build", "core", "--cuda"), List.of("build", "--", "-q"), List.of("build", "@args.txt"),
                List.of("build", ""), List.of("build", "--network", ""), List.of("build", "--network="),
                List.of("build", "-j", "010"), List.of("build", "-j", "+3"), List.of("build", "-j", "-1"),
                List.of("build", "-j", "two"), List.of("build", "-j", "9999999999"), List.of("build", "--network"),
                List.of("build", "--network", "--quiet"), List.of("build", "--network", "-x"), List.of("build", "--quiet=true"),
                List.of("build", "--network", "@x"), List.of("build", "-f", "a\0b"), List.of("build", "-"));
    }

    /** Where both run the command, picocli and the fast reader answer alike: exit code, output and messages. */
    @Test
    void shouldExitAndPrintAsPicocliDoesWhenTheBuildCannotStart(@TempDir Path dir) {
        String cache = dir.resolve("c").toString();
        List<String[]> lines = List.of(
                new String[] {"build", "core", "-f", EXAMPLE, "--cache-root", cache, "-j", "0"},
                new String[] {"build", "ttx", "-f", EXAMPLE, "--cache-root", cache, "--docker", "/nonexistent/docker"},
                new String[] {"build", "core", "-f", EXAMPLE, "--cache-root", "/proc/self/morgan"},
                new String[] {"build", "core", "-f", dir.resolve("none.yml").toString(), "--cache-root", cache},
                new String[] {"build", "core", "-f", EXAMPLE, "--cache-root", cache, "--budget", "lots"},
                new String[] {"build", "core", "-f", EXAMPLE, "--cache-root", cache, "--cache-mounts", "maybe", "--no-cache"},
                new String[] {"build", "core", "-f", EXAMPLE, "--cache-root", cache, "--docker", "/nonexistent/docker",
                    "-t", "Bad Tag:1"});
        for (String[] argv : lines) {
            assertThat(BuildArgs.parse(argv)).isNotNull();
            CliRun fast = CliRun.of(argv);
            CliRun slow = CliRun.ofPicocli(argv);

            assertThat(fast).as(String.join(" ", argv)).isEqualTo(slow);
            assertThat(fast.exitCode()).isNotZero();
        }
    }

    /** The point of the fast reader: a plain build command line loads no picocli class at all. */
    @Test
    void shouldLoadNoPicocliClassForAPlainBuild(@TempDir Path dir) throws Exception {
        URL[] path = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(p -> {
                    try {
                        return Path.of(p).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        Set<String> loaded = ConcurrentHashMap.newKeySet();
        try (URLClassLoader isolated = new URLClassLoader(path, ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                loaded.add(name);
                return super.loadClass(name, resolve);
            }
        }) {
            Class<?> cli = isolated.loadClass(MorganCli.class.getName());
            // reads the compose file, plans, and stops where it first needs docker (a client that does not exist)
            Object code = cli.getMethod("run", String[].class).invoke(null, (Object) new String[] {"build", "core", "-q",
                "-f", EXAMPLE, "--cache-root", dir.toString(), "--docker", "/nonexistent/docker", "--timings"});

            assertThat(code).isEqualTo(MorganCli.HOST_ERROR);
        }
        assertThat(loaded).contains(BuildArgs.class.getName(), BuildCommand.class.getName(),
                        "dev.morganbuild.engine.stack.ComposeParser", "dev.morganbuild.engine.plan.Planner")
                .noneMatch(c -> c.startsWith("picocli."));
    }

    private static CommandLine.Model.CommandSpec buildSpec() {
        return new CommandLine(new MorganCli()).getSubcommands().get("build").getCommandSpec();
    }

    private static BuildCommand picocli(String... argv) {
        CommandLine.ParseResult parsed = new CommandLine(new MorganCli()).parseArgs(argv);
        return (BuildCommand) parsed.subcommand().commandSpec().userObject();
    }

    private static String sample(OptionSpec o) {
        Class<?> type = o.isMultiValue() ? o.auxiliaryTypes()[0] : o.type();
        if (type == int.class || type == Integer.class) {
            return "3";
        }
        return type == Path.class ? "some/dir/file.yml" : "value-1";
    }

    /**
     * Every field the command line sets, by path ({@code stackOptions.composeFiles}), through the option
     * groups and mixins of this package; lists compared by their elements.
     */
    static Map<String, Object> settings(Object command) {
        Map<String, Object> out = new LinkedHashMap<>();
        collect("", command, out);
        return out;
    }

    private static void collect(String prefix, Object o, Map<String, Object> out) {
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                continue;
            }
            try {
                f.setAccessible(true);
                Object v = f.get(o);
                if (v != null && v.getClass().getPackageName().equals(BuildArgsTest.class.getPackageName())) {
                    collect(prefix + f.getName() + ".", v, out);
                } else {
                    out.put(prefix + f.getName(), v instanceof List<?> l ? List.copyOf(l) : v);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
