package dev.morganbuild.engine.cache;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prunes part of the engine's build cache: one record type ({@code docker builder prune --filter
 * type=...}) or one cache mount's records ({@code --filter id=...}, once per record: docker takes one
 * value per filter). BuildKit never removes a record a running build holds; such a record stays and
 * the report says nothing was reclaimed for it. Without {@code all}, layers shared with an image stay
 * too (removing them frees no disk while the image lives).
 */
public final class EngineCachePrune {
    /** The record types docker's filter knows; another value would silently remove nothing. */
    static final List<String> TYPES = List.of(BuildCacheRecord.LAYER, BuildCacheRecord.CACHE_MOUNT,
            BuildCacheRecord.LOCAL_SOURCE, "frontend", "internal", "source.git.checkout");
    private static final Pattern RECORD_ID = Pattern.compile("[a-z0-9]{10,64}");
    private static final String TOTAL = "Total reclaimed space:";

    private EngineCachePrune() {
    }

    /**
     * What a prune did.
     *
     * @param deleted        the record ids docker deleted
     * @param reclaimedBytes what docker says it gave back
     */
    public record Report(List<String> deleted, long reclaimedBytes) {
        public Report {
            deleted = List.copyOf(deleted);
        }
    }

    static List<String> argv(String docker, String filter, boolean all) {
        List<String> argv = new ArrayList<>(List.of(docker, "builder", "prune", "--force"));
        if (all) {
            argv.add("--all");
        }
        argv.addAll(List.of("--filter", filter));
        return argv;
    }

    /** Prunes every unused record of {@code type}. */
    public static Report type(CommandRunner runner, String docker, Map<String, String> env, String type, boolean all)
            throws InterruptedException {
        checkType(type);
        return run(runner, env, argv(docker, "type=" + type, all));
    }

    /** Prunes the records of the mounts whose id, target or kind is {@code name}; the report adds them up. */
    static Report mount(CommandRunner runner, String docker, Map<String, String> env, List<CacheMountUsage> mounts,
                        String name) throws InterruptedException {
        List<CacheMountUsage> chosen = chosen(mounts, name);
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (CacheMountUsage m : chosen) {
            for (String id : m.recordIds()) {
                if (!RECORD_ID.matcher(id).matches()) {
                    continue; // docker's id filter is a pattern: pass only plain ids
                }
                Report r = run(runner, env, argv(docker, "id=" + id, true));
                deleted.addAll(r.deleted());
                reclaimed += r.reclaimedBytes();
            }
        }
        return new Report(deleted, reclaimed);
    }

    /** Refuses a type docker's filter does not know (it would silently remove nothing). */
    static void checkType(String type) {
        if (!TYPES.contains(type)) {
            throw MorganException.of("'" + type + "' is not a build-cache record type",
                    "use one of " + String.join(", ", TYPES));
        }
    }

    /** The mounts whose id, target or kind is {@code name}; refuses a name that matches none. */
    static List<CacheMountUsage> chosen(List<CacheMountUsage> mounts, String name) {
        List<CacheMountUsage> chosen = mounts.stream()
                .filter(m -> m.id().equals(name) || m.target().equals(name) || m.kind().equals(name)).toList();
        if (chosen.isEmpty()) {
            throw MorganException.of("no cache mount '" + name + "' in the engine's build cache",
                    "name one that morgan cache du lists (its id, target or kind)" + (mounts.isEmpty() ? ""
                            : ": " + String.join(", ", mounts.stream().map(CacheMountUsage::id).toList())));
        }
        return chosen;
    }

    /** Runs a {@code docker builder prune} and reads what it deleted and reclaimed. */
    static Report run(CommandRunner runner, Map<String, String> env, List<String> argv) throws InterruptedException {
        List<String> out = new ArrayList<>();
        int code;
        try {
            code = runner.run(Command.of(argv).withEnv(env), out::add);
        } catch (IOException e) {
            throw MorganException.host("cannot run " + argv.get(0) + ": " + e.getMessage(), "install Docker, or pass --docker PATH");
        }
        if (code != 0) {
            throw MorganException.host(String.join(" ", argv) + " exited with " + code
                    + (out.isEmpty() ? "" : ": " + out.get(out.size() - 1)), "make sure the Docker engine answers (docker info)");
        }
        return report(out);
    }

    /** Reads docker's answer: {@code Deleted build cache objects:}, one id a line, {@code Total reclaimed space: 4.8kB}. */
    static Report report(List<String> lines) {
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        boolean inList = false;
        for (String line : lines) {
            String s = line.strip();
            if (s.startsWith("Deleted build cache objects")) {
                inList = true;
            } else if (s.startsWith(TOTAL)) {
                inList = false;
                try {
                    reclaimed = ByteSize.parse(s.substring(TOTAL.length()).strip());
                } catch (MorganException e) {
                    reclaimed = 0;
                }
            } else if (inList && !s.isEmpty()) {
                deleted.add(s);
            }
        }
        return new Report(deleted, reclaimed);
    }
}
