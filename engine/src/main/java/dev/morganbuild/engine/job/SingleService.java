package dev.morganbuild.engine.job;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code morganBuild(service:)} builds exactly one compose service: a selection ({@code all},
 * {@code cpu}, {@code cuda}), a list ({@code a,b}) or an unknown name is refused before anything is
 * built, naming the services there are and the Pipeline forms that build several.
 */
public final class SingleService {
    private static final List<String> SELECTIONS = List.of("all", "cpu", "cuda");

    private SingleService() {
    }

    /** Why {@code service} is not one service name whatever the compose file holds, or empty. */
    public static Optional<String> formProblem(String service) {
        String s = service == null ? "" : service.strip();
        if (s.isEmpty()) {
            return Optional.of("name the compose service to build");
        }
        if (SELECTIONS.contains(s.toLowerCase(Locale.ROOT))) {
            return Optional.of("'" + s + "' is a selection of several services, not a service");
        }
        if (s.matches(".*[,\\s].*")) {
            return Optional.of("'" + s + "' names several services; morganBuild builds exactly one");
        }
        return Optional.empty();
    }

    /**
     * The refusal message when {@code service} is not exactly one of {@code known} (the compose file's
     * services, buildable or not), or empty when it is.
     *
     * @param buildable the services that can be built, listed in the message
     */
    static Optional<String> problem(String service, Collection<String> known, List<String> buildable, String composeFile) {
        Optional<String> form = formProblem(service);
        if (form.isEmpty() && known.contains(service.strip())) {
            return Optional.empty();
        }
        String why = form.orElse("there is no service '" + service.strip() + "' in " + composeFile);
        return Optional.of("morganBuild(service:) builds exactly one compose service: " + why + ". Services in "
                + composeFile + ": " + (buildable.isEmpty() ? "none with a build: section" : String.join(", ", buildable))
                + ". To build several, use morgan.build('a', 'b') (named services) or morgan.buildAll(only: 'cuda') "
                + "(all, cpu or cuda), which route each service to its node");
    }
}
