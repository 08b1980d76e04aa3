package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.exec.LineSink;
import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.history.HistoryStore;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.report.HtmlReportWriter;
import dev.morganbuild.engine.report.ReportBuilder;
import dev.morganbuild.engine.trend.RegressionDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real BuildKit builds with hostile values and secrets. Build args and labels full of shell
 * metacharacters, newlines and option-like text reach the image byte for byte and run nothing on the
 * host; secrets (from a file and from the environment) reach the build, and their values appear in
 * no output line, record, report, argv or error message, even when a RUN step prints them.
 */
class HostileBuildIT {
    static final String SALT = UUID.randomUUID().toString().substring(0, 8);
    static final Path PWNED = Path.of("/tmp/morgan-pwned-" + SALT);
    static final String EVIL = "a; touch " + PWNED + " $(touch " + PWNED + ") `touch " + PWNED + "` | rm -rf /nonexistent"
            + " && echo \"dq\" 'sq' \\ back\nsecond line --target=x -t evil:tag";
    static final String FILE_SECRET = "file-secret-" + UUID.randomUUID();
    static final String ENV_SECRET = "env-secret-" + UUID.randomUUID();

    @TempDir
    static Path dir;
    static String docker;
    static final Map<String, String> ENV = new LinkedHashMap<>(ExampleStack.dockerEnv());

    @BeforeAll
    static void setUp() {
        docker = ExampleStack.dockerOrFail(ENV);
        ENV.put("MORGAN_IT_TOKEN", ENV_SECRET);
    }

    /** Writes the project; {@code failing}: the last step prints the secrets and fails. */
    static Path project(String name, boolean failing) throws IOException {
        Path p = Files.createDirectories(dir.resolve(name));
        Files.writeString(p.resolve("secret.txt"), FILE_SECRET + "\n");
        Files.writeString(p.resolve("Dockerfile"), """
                FROM morgan/debian:bookworm AS base
                ARG EVIL
                ARG NOTE
                ENV SALT=%s
                RUN --mount=type=secret,id=hf --mount=type=secret,id=tok \\
                    cat /run/secrets/hf /run/secrets/tok | sha256sum | cut -c1-64 > /secrets.sha
                RUN --mount=type=secret,id=hf --mount=type=secret,id=tok \\
                    echo "printing secrets:" && cat /run/secrets/hf /run/secrets/tok%s
                RUN printf '%%s' "$EVIL" > /evil.txt && printf '%%s' "$NOTE" > /note.txt
                """.formatted(SALT + name, failing ? " && exit 3" : ""));
        // a JSON string is a valid YAML scalar; "$$" is compose's escape for a literal "$"
        String evilYaml = Json.mapper().writeValueAsString(EVIL.replace("$", "$$"));
        Files.writeString(p.resolve("docker-compose.yml"), """
                services:
                  hostile:
                    build:
                      context: .
                      dockerfile: Dockerfile
                      args:
                        EVIL: %s
                      labels:
                        org.example.note: "x; $$(touch %s) `id`"
                      secrets: [hf, tok]
                    image: morgan-hardening/hostile:%s
                secrets:
                  hf:
                    file: ./secret.txt
                  tok:
                    environment: MORGAN_IT_TOKEN
                """.formatted(evilYaml, PWNED, name));
        return p.resolve("docker-compose.yml");
    }

    record Run(BuildRecord record, List<String> output, List<Command> commands, Path history) {
    }

    static Run build(Path compose) throws Exception {
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        List<Command> commands = new CopyOnWriteArrayList<>();
        LocalCommandRunner local = new LocalCommandRunner();
        CommandRunner recording = (Command c, LineSink sink) -> {
            commands.add(c);
            return local.run(c, sink);
        };
        BuildListener capture = new BuildListener() {
            @Override
            public void output(String service, String line) {
                output.add(line);
            }

            @Override
            public void message(String service, String message) {
                output.add(message);
            }
        };
        Path history = compose.resolveSibling("history");
        StackRequest request = StackRequest.builder().workingDir(compose.getParent()).composeFile(compose).env(ENV)
                .docker(docker).node("it-node").runId(SALT).parallelism(1)
                .buildArgs(Map.of("NOTE", "--build-arg X=1\n-t evil; $(id)"))
                .cacheRoot(dir.resolve("cache")).historyDir(history).build();
        StackBuildResult result = BuildService.with(recording).build(request, capture);
        return new Run(result.records().get(0), output, commands, history);
    }

    static String inImage(String image, String file) throws Exception {
        Process p = new ProcessBuilder(docker, "run", "--rm", "--network", "host", "--entrypoint", "cat", image, file)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void shouldPassHostileValuesLiterallyAndRunNothingOnTheHost() throws Exception {
        Run run = build(project("literal", false));

        assertThat(run.record().status()).as(String.join("\n", run.output())).isEqualTo(BuildStatus.SUCCESS);
        String image = "morgan-hardening/hostile:literal";
        assertThat(inImage(image, "/evil.txt")).isEqualTo(EVIL);
        assertThat(inImage(image, "/note.txt")).isEqualTo("--build-arg X=1\n-t evil; $(id)");
        assertThat(PWNED).doesNotExist();
        List<String> argv = run.commands().stream().map(Command::argv)
                .filter(a -> a.size() > 1 && a.get(1).equals("build")).findFirst().orElseThrow();
        // every value is one argv element, right after its flag: nothing split, nothing through a shell
        assertThat(argv).containsSequence("--build-arg", "EVIL=" + EVIL)
                .containsSequence("--build-arg", "NOTE=--build-arg X=1\n-t evil; $(id)")
                .containsSequence("--label", "org.example.note=x; $(touch " + PWNED + ") `id`");
        assertThat(argv.get(0)).isEqualTo(docker);
        assertThat(argv).noneMatch(a -> a.equals("sh") || a.equals("-c") || a.equals("bash"));
    }

    @Test
    void shouldGetSecretsIntoTheBuildAndShowTheirValuesNowhere() throws Exception {
        Run ok = build(project("secrets", false));
        Run failed = build(project("secrets-failing", true));

        assertThat(ok.record().status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(failed.record().status()).isEqualTo(BuildStatus.FAILED);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((FILE_SECRET + "\n" + ENV_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(inImage("morgan-hardening/hostile:secrets", "/secrets.sha").strip()).isEqualTo(expected);
        // the RUN step printed both secrets: the output shows them masked
        assertThat(ok.output()).anyMatch(l -> l.contains("****"));

        List<String> scanned = new ArrayList<>();
        for (Run r : List.of(ok, failed)) {
            scanned.addAll(r.output());
            scanned.add(Json.mapper().writeValueAsString(r.record()));
            scanned.add(r.record().error() == null ? "" : r.record().error());
            for (Command c : r.commands()) {
                scanned.addAll(c.argv());
                scanned.add(c.display());
                scanned.addAll(c.env().entrySet().stream().filter(e -> !e.getKey().equals("MORGAN_IT_TOKEN"))
                        .map(Map.Entry::toString).toList());
            }
            try (Stream<Path> files = Files.walk(r.history())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    scanned.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            HistoryStore h = new HistoryStore(r.history());
            Path report = HtmlReportWriter.write(r.history().resolveSibling("report"), ReportBuilder.build("t",
                    h.summaries(100), h::record, 100, RegressionDetector.defaults()));
            try (Stream<Path> files = Files.walk(report.getParent())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    scanned.add(Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
        }
        long bytes = scanned.stream().mapToLong(String::length).sum();
        System.out.printf("secret scan: %d texts (%d characters: output lines, records, history files, reports, "
                + "argv, errors) scanned for 2 secrets, %d hits%n", scanned.size(), bytes,
                scanned.stream().filter(t -> t.contains(FILE_SECRET) || t.contains(ENV_SECRET)).count());
        assertThat(failed.record().error()).contains("exit code: 3");
        assertThat(scanned).noneMatch(t -> t.contains(FILE_SECRET)).noneMatch(t -> t.contains(ENV_SECRET));
        // docker got the secrets' sources, never their values
        List<String> argv = ok.commands().stream().map(Command::argv)
                .filter(a -> a.size() > 1 && a.get(1).equals("build")).findFirst().orElseThrow();
        assertThat(argv).containsSequence("--secret", "id=hf,src=" + dir.resolve("secrets/secret.txt"))
                .containsSequence("--secret", "id=tok,env=MORGAN_IT_TOKEN");
    }
}
