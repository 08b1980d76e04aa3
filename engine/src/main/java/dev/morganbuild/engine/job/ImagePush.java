package dev.morganbuild.engine.job;

import dev.morganbuild.engine.dockerfile.ImageReference;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker push} of a built image's tags. Credentials are the docker client's own (its
 * {@code DOCKER_CONFIG}, filled by {@code docker login}); nothing secret is on the command line. The
 * digest is the one docker prints for the repository it pushed ({@code <tag>: digest: sha256:... size: N}).
 */
final class ImagePush {
    private static final Pattern DIGEST = Pattern.compile("\\bdigest: (sha256:[0-9a-f]{64})\\b");

    private ImagePush() {
    }

    /**
     * What a push did.
     *
     * @param pushed {@code <tag>@<digest>} per pushed tag, in order
     * @param error  docker's message when a push failed (the remaining tags are not pushed), else null
     */
    record Result(List<String> pushed, String error) {
        Result {
            pushed = List.copyOf(pushed);
        }

        /** The digest of the first pushed tag, or null. */
        String digest() {
            return pushed.isEmpty() ? null : pushed.get(0).substring(pushed.get(0).lastIndexOf('@') + 1);
        }
    }

    /**
     * {@code --push} of one service's tags, told to the listener as it goes; a service without tags
     * to push is a failure that says how to give it some.
     */
    static Result service(CommandRunner runner, BuildRun run, BuildListener listener, String service, List<String> tags)
            throws InterruptedException {
        if (tags.isEmpty()) {
            return new Result(List.of(), "nothing to push for " + service + ": it has no image: in the compose file; "
                    + "give it one, or pass --registry HOST[:PORT] to push it there");
        }
        long start = System.nanoTime();
        Result result = push(runner, run, tags);
        listener.phase(service, "push", System.nanoTime() - start);
        result.pushed().forEach(t -> listener.message(service, "pushed " + t));
        return result;
    }

    /** Pushes {@code tags} one after another; stops at the first failure. */
    static Result push(CommandRunner runner, BuildRun run, List<String> tags) throws InterruptedException {
        List<String> pushed = new ArrayList<>();
        SecretMask mask = SecretMask.of(List.of(), run.request().env(), run.request().registryLogins());
        for (String tag : tags) {
            List<String> tail = new ArrayList<>();
            String[] digest = {null};
            int exit;
            try {
                exit = runner.run(Command.of(List.of(run.docker(), "push", tag)).withEnv(run.dockerEnv()), line -> {
                    Matcher m = DIGEST.matcher(line);
                    if (m.find()) {
                        digest[0] = m.group(1);
                    }
                    if (tail.size() == 5) {
                        tail.remove(0);
                    }
                    tail.add(mask.apply(line.strip()));
                });
            } catch (IOException e) {
                return new Result(pushed, "cannot push " + tag + ": " + e.getMessage());
            }
            if (exit != 0 || digest[0] == null) {
                String said = tail.isEmpty() ? "exit " + exit : tail.get(tail.size() - 1);
                return new Result(pushed, "push of " + tag + " failed: " + said + hint(said, loggedIn(run, tag)));
            }
            pushed.add(tag + "@" + digest[0]);
        }
        return new Result(pushed, null);
    }

    /** Whether the request's registry logins hold credentials for the registry of {@code tag}. */
    private static boolean loggedIn(BuildRun run, String tag) {
        String host = ImageReference.registryHost(tag);
        String key = host != null ? RegistryLogin.configKey(host) : RegistryLogin.DOCKER_HUB;
        return run.request().registryLogins().stream().anyMatch(l -> l.registry().equals(key));
    }

    private static String hint(String said, boolean fromFile) {
        boolean refused = said.contains("no basic auth credentials") || said.contains("unauthorized")
                || said.contains("denied");
        if (refused && fromFile) {
            return " (the registry refused the user name and password of the registry credentials file: check them)";
        }
        if (refused) {
            return " (log in first: docker login <registry>, or point DOCKER_CONFIG at a config that has the credentials)";
        }
        return "";
    }
}
