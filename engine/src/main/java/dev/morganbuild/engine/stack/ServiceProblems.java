package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.util.List;

/**
 * Several problems found in one run (one per service that cannot be built), reported together so a
 * user fixes them all at once. It carries the first problem's location; its message lists every one.
 */
final class ServiceProblems extends MorganException {
    private static final long serialVersionUID = 1L;
    private final List<MorganException> problems;

    private ServiceProblems(List<MorganException> problems) {
        super(problems.get(0).file(), problems.get(0).line(), problems.get(0).column(),
                problems.size() + " problems: " + problems.get(0).problem(), problems.get(0).hint(), problems.get(0));
        this.problems = List.copyOf(problems);
    }

    /** The one problem itself, or all of them together. */
    static MorganException of(List<MorganException> problems) {
        return problems.size() == 1 ? problems.get(0) : new ServiceProblems(problems);
    }

    /** Each problem, in file order. */
    List<MorganException> problems() {
        return problems;
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(problems.size() + " problems:");
        for (MorganException p : problems) {
            sb.append(System.lineSeparator()).append(p.getMessage());
        }
        return sb.toString();
    }
}
