package dev.morganbuild.engine.cache;

import dev.morganbuild.engine.text.AtomicWrite;
import dev.morganbuild.engine.text.IsoInstant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When the engine's build cache needs pruning to its budget. A build whose every step came from the
 * cache adds nothing to it, so pruning before each build (a docker process, tens of milliseconds)
 * only pays after a build that ran steps. Per engine ({@link dev.morganbuild.engine.buildkit.EngineIdentity})
 * a small file in the cache root says when it was last pruned, to which budget, and whether a build
 * has grown the cache since. A prune is due when it never ran, the budget changed, a build since ran
 * steps, or a day has passed (builds by other tools grow the cache too).
 */
public final class PruneSchedule {
    /** Prunes at least this often, whatever morgan-build's own builds did. */
    static final Duration MAX_INTERVAL = Duration.ofDays(1);
    private static final String FOLDER = "engine-prune";

    private final Path file;
    /** Touched by every build that may have grown the cache; a prune clears it only if it began later. */
    private final Path grownMark;

    public PruneSchedule(Path cacheRoot, String engineKey) {
        this(cacheRoot.resolve(FOLDER).resolve(engineKey));
    }

    /** True when the engine's cache may be over {@code budgetBytes}. */
    boolean due(long budgetBytes, Instant now) {
        State s = read();
        return s == null || s.budget != budgetBytes || s.grown || Files.exists(grownMark)
                || s.pruned.plus(MAX_INTERVAL).isBefore(now);
    }

    /**
     * The engine's cache was pruned to {@code budgetBytes} by a prune that began at {@code started}.
     * Growth noted after that (a build that finished while the prune ran) still makes the next prune due.
     */
    void pruned(long budgetBytes, Instant started) {
        write(new State(budgetBytes, started, false));
        try {
            if (Files.exists(grownMark) && Files.getLastModifiedTime(grownMark).toInstant().isBefore(started)) {
                Files.deleteIfExists(grownMark);
            }
        } catch (IOException ignored) {
            // left: the next build prunes once more, which is safe
        }
    }

    /** A build ran steps, failed or was stopped part way: the cache may have grown, prune before the next build. */
    public void grown() {
        try {
            Files.createDirectories(grownMark.getParent());
            Files.writeString(grownMark, IsoInstant.format(Instant.now()) + "\n", StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // not noted: the daily prune still bounds the cache
        }
    }

    /**
     * The budget the most recent engine prune of any engine in {@code cacheRoot} pruned to (what the
     * builds there use), or null when none ran.
     */
    static Long latestBudget(Path cacheRoot) {
        Path dir = cacheRoot.resolve(FOLDER);
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".grown"))
                    .max(java.util.Comparator.comparing(p -> p.toFile().lastModified()))
                    .map(p -> new PruneSchedule(p).read()).map(State::budget).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private PruneSchedule(Path file) {
        this.file = file;
        this.grownMark = file.resolveSibling(file.getFileName() + ".grown");
    }

    private record State(long budget, Instant pruned, boolean grown) {
    }

    private State read() {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() != 4 || !lines.get(3).equals("end")) {
                return null;
            }
            return new State(Long.parseLong(lines.get(0)), IsoInstant.parse(lines.get(1)), Boolean.parseBoolean(lines.get(2)));
        } catch (IOException | RuntimeException e) {
            return null; // missing or damaged: prune, which rewrites it
        }
    }

    private void write(State s) {
        try {
            AtomicWrite.replace(file, s.budget + "\n" + IsoInstant.format(s.pruned) + "\n" + s.grown + "\nend\n");
        } catch (IOException ignored) {
            // not written: the next build prunes again, which is safe
        }
    }
}
