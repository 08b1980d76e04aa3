package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.buildkit.EngineFacts;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.exec.LineSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker push} as ImagePush drives it, against a docker client that replays what Docker 20.10
 * printed when pushing to a real registry (Debian's docker-registry with htpasswd auth, recorded into
 * src/test/resources/job/push-*.log): pushed, refused without credentials, refused with wrong ones,
 * registry down. RegistryIT pushes for real.
 */
class ImagePushTest {
    static final String TAG = "127.0.0.1:40333/morgan-push/core:rec";
    static final String TAG2 = "127.0.0.1:40333/morgan-push/core:rec2";
    static final String DIGEST = "sha256:332f0bb85c6a31138ea3586fd90ace0cfcb3da9921d476a18c74edd554b9f11e";

    @TempDir
    Path dir;

    /** Replays one recorded push per tag, with its exit code; a tag it has no recording for cannot start. */
    static final class RecordedPushes implements CommandRunner {
        final Map<String, String> logs = new LinkedHashMap<>();
        final Map<String, Integer> exits = new LinkedHashMap<>();
        final List<Command> calls = new ArrayList<>();

        RecordedPushes answer(String tag, String log, int exit) {
            logs.put(tag, log);
            exits.put(tag, exit);
            return this;
        }

        @Override
        public int run(Command c, LineSink sink) throws IOException {
            calls.add(c);
            String tag = c.argv().get(c.argv().size() - 1);
            if (!logs.containsKey(tag)) {
                throw new IOException("Cannot run program \"docker\": error=2, No such file or directory");
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                    ImagePushTest.class.getResourceAsStream("/job/" + logs.get(tag))), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sink.line(line);
                }
            }
            return exits.get(tag);
        }
    }

    BuildRun run(List<RegistryLogin> logins, Map<String, String> env) {
        StackRequest request = StackRequest.builder().docker("/usr/bin/docker").env(env).cacheRoot(dir).noHistory()
                .registryLogins(logins).build();
        return new BuildRun(request, new EngineFacts("/usr/bin/docker", Backend.BUILTIN, null), "engine",
                Map.of("DOCKER_BUILDKIT", "1", "DOCKER_CONFIG", "/tmp/cfg"), dir);
    }

    @Test
    void shouldPushEveryTagWithTheDockerEnvironmentAndKeepTheDigestDockerPrintedForEach() throws Exception {
        RecordedPushes docker = new RecordedPushes().answer(TAG, "push-ok.log", 0).answer(TAG2, "push-ok2.log", 0);

        ImagePush.Result r = ImagePush.push(docker, run(List.of(), Map.of()), List.of(TAG, TAG2));

        assertThat(r.error()).isNull();
        assertThat(r.pushed()).containsExactly(TAG + "@" + DIGEST, TAG2 + "@" + DIGEST);
        assertThat(r.digest()).isEqualTo(DIGEST);
        assertThat(docker.calls).extracting(Command::argv)
                .containsExactly(List.of("/usr/bin/docker", "push", TAG), List.of("/usr/bin/docker", "push", TAG2));
        assertThat(docker.calls).allSatisfy(c -> assertThat(c.env()).containsEntry("DOCKER_CONFIG", "/tmp/cfg")
                .containsEntry("DOCKER_BUILDKIT", "1"));
    }

    @Test
    void shouldStopAtTheFirstRefusedPushAndSayToLogInFirst() throws Exception {
        RecordedPushes docker = new RecordedPushes().answer(TAG, "push-refused.log", 1).answer(TAG2, "push-ok2.log", 0);

        ImagePush.Result r = ImagePush.push(docker, run(List.of(), Map.of()), List.of(TAG, TAG2));

        assertThat(r.pushed()).isEmpty();
        assertThat(r.digest()).isNull();
        assertThat(r.error()).isEqualTo("push of " + TAG + " failed: no basic auth credentials (log in first: docker "
                + "login <registry>, or point DOCKER_CONFIG at a config that has the credentials)");
        assertThat(docker.calls).hasSize(1);
    }

    @Test
    void shouldKeepTheTagsPushedBeforeAFailureAndBlameTheCredentialsFileWhenItHasALoginForThatRegistry()
            throws Exception {
        RecordedPushes docker = new RecordedPushes().answer(TAG2, "push-ok2.log", 0).answer(TAG, "push-wrong.log", 1);
        RegistryLogin login = new RegistryLogin("127.0.0.1:40333", "morgan", "wrong-password");

        ImagePush.Result r = ImagePush.push(docker, run(List.of(login), Map.of()), List.of(TAG2, TAG));

        assertThat(r.pushed()).containsExactly(TAG2 + "@" + DIGEST);
        assertThat(r.digest()).isEqualTo(DIGEST);
        assertThat(r.error()).isEqualTo("push of " + TAG + " failed: unauthorized: authentication required (the "
                + "registry refused the user name and password of the registry credentials file: check them)");
    }

    @Test
    void shouldSayToLogInWhenTheCredentialsFileOnlyHasLoginsForOtherRegistries() throws Exception {
        RecordedPushes docker = new RecordedPushes().answer(TAG, "push-wrong.log", 1);
        RegistryLogin other = new RegistryLogin("registry.example.com", "morgan", "password");

        ImagePush.Result r = ImagePush.push(docker, run(List.of(other), Map.of()), List.of(TAG));

        assertThat(r.error()).endsWith("(log in first: docker login <registry>, or point DOCKER_CONFIG at a config "
                + "that has the credentials)");
    }

    @Test
    void shouldMatchADockerHubTagToTheDockerHubLogin() throws Exception {
        String hubTag = "morganbuild/core:1";
        RecordedPushes docker = new RecordedPushes().answer(hubTag, "push-refused.log", 1);
        RegistryLogin hub = new RegistryLogin(RegistryLogin.DOCKER_HUB, "morgan", "password");

        ImagePush.Result r = ImagePush.push(docker, run(List.of(hub), Map.of()), List.of(hubTag));

        assertThat(r.error()).contains("the registry refused the user name and password of the registry credentials file");
    }

    @Test
    void shouldReportAnUnreachableRegistryWithDockersLastLineAndNoLoginHint() throws Exception {
        RecordedPushes docker = new RecordedPushes().answer(TAG, "push-down.log", 1);

        ImagePush.Result r = ImagePush.push(docker, run(List.of(), Map.of()), List.of(TAG));

        assertThat(r.error()).isEqualTo("push of " + TAG + " failed: Get \"http://127.0.0.1:40333/v2/\": dial tcp "
                + "127.0.0.1:40333: connect: connection refused");
    }

    @Test
    void shouldFailAPushThatExitsZeroWithoutADigest() throws Exception {
        // docker said only what it refers to: no digest, so nothing is known to be in the registry
        RecordedPushes docker = new RecordedPushes().answer(TAG, "push-down.log", 0);

        ImagePush.Result r = ImagePush.push(docker, run(List.of(), Map.of()), List.of(TAG));

        assertThat(r.pushed()).isEmpty();
        assertThat(r.error()).startsWith("push of " + TAG + " failed: Get ");
    }

    @Test
    void shouldNameTheExitCodeWhenDockerPrintedNothing() throws Exception {
        CommandRunner silent = (c, sink) -> 3;

        ImagePush.Result r = ImagePush.push(silent, run(List.of(), Map.of()), List.of(TAG));

        assertThat(r.error()).isEqualTo("push of " + TAG + " failed: exit 3");
    }

    @Test
    void shouldSayWhyWhenDockerCannotBeStarted() throws Exception {
        ImagePush.Result r = ImagePush.push(new RecordedPushes(), run(List.of(), Map.of()), List.of(TAG));

        assertThat(r.pushed()).isEmpty();
        assertThat(r.error()).isEqualTo("cannot push " + TAG + ": Cannot run program \"docker\": error=2, No such file "
                + "or directory");
    }

    @Test
    void shouldMaskTheRegistryPasswordInWhatDockerSaid() throws Exception {
        String password = "hunter2-secret";
        CommandRunner leaky = (c, sink) -> {
            sink.line("Error response from daemon: login attempt with password " + password + " failed");
            return 1;
        };
        RegistryLogin login = new RegistryLogin("127.0.0.1:40333", "morgan", password);

        ImagePush.Result r = ImagePush.push(leaky, run(List.of(login), Map.of()), List.of(TAG));

        assertThat(r.error()).contains("login attempt with password **** failed").doesNotContain(password);
    }

    @Test
    void shouldQuoteDockersLastLineOfTheLastFiveItPrinted() throws Exception {
        CommandRunner chatty = (c, sink) -> {
            for (int i = 1; i <= 7; i++) {
                sink.line("  line " + i + "  ");
            }
            return 1;
        };

        ImagePush.Result r = ImagePush.push(chatty, run(List.of(), Map.of()), List.of(TAG));

        assertThat(r.error()).isEqualTo("push of " + TAG + " failed: line 7");
    }

    @Test
    void shouldRefuseAServiceWithoutTagsSayingHowToGiveItSomeAndTellTheListenerWhatItPushed() throws Exception {
        List<String> heard = new ArrayList<>();
        BuildListener listener = new BuildListener() {
            @Override
            public void message(String service, String text) {
                heard.add(service + ": " + text);
            }

            @Override
            public void phase(String service, String phase, long nanos) {
                heard.add(service + ": phase " + phase + (nanos >= 0 ? "" : " negative"));
            }
        };
        BuildRun run = run(List.of(), Map.of());

        ImagePush.Result none = ImagePush.service(new RecordedPushes(), run, listener, "core", List.of());
        assertThat(none.pushed()).isEmpty();
        assertThat(none.error()).startsWith("nothing to push for core: it has no image: in the compose file")
                .contains("--registry HOST[:PORT]");
        assertThat(heard).isEmpty();

        ImagePush.Result pushed = ImagePush.service(new RecordedPushes().answer(TAG, "push-ok.log", 0), run, listener,
                "core", List.of(TAG));
        assertThat(pushed.error()).isNull();
        assertThat(heard).containsExactly("core: phase push", "core: pushed " + TAG + "@" + DIGEST);
    }
}
