package dev.morganbuild.engine.exec;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on this machine with {@link ProcessBuilder}. Output is pumped line by line on a
 * helper thread while the caller waits interruptibly; an interrupt stops the process tree.
 */
public final class LocalCommandRunner implements CommandRunner {

    @Override
    public int run(Command command, LineSink sink) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command.argv()).redirectErrorStream(true);
        pb.environment().putAll(command.env());
        if (command.workDir() != null) {
            pb.directory(command.workDir().toFile());
        }
        if (command.stdin() == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p = pb.start();
        RuntimeException[] sinkFailure = new RuntimeException[1];
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                pumpLines(r, sink);
            } catch (IOException e) {
                sinkFailure[0] = new UncheckedIOException(e);
            } catch (RuntimeException e) {
                sinkFailure[0] = e;
                stop(p);
            }
        }, "morgan-output-" + p.pid());
        pump.setDaemon(true);
        pump.start();
        try {
            if (command.stdin() != null) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(command.stdin());
                }
            }
            int code = p.waitFor();
            pump.join();
            if (sinkFailure[0] != null) {
                throw sinkFailure[0];
            }
            return code;
        } catch (InterruptedException | IOException | RuntimeException e) {
            stop(p);
            pump.join(5_000);
            throw e;
        }
    }

    /** Output lines longer than this are passed on in pieces of this size, so no output can fill the heap. */
    static final int MAX_LINE_CHARS = 256 * 1024;

    /** Splits {@code r} into lines at \n, \r\n or \r, as {@link BufferedReader#readLine} does, but bounded. */
    static void pumpLines(java.io.Reader r, LineSink sink) throws IOException {
        char[] buf = new char[8192];
        StringBuilder line = new StringBuilder();
        boolean afterCr = false;
        int n;
        while ((n = r.read(buf)) != -1) {
            for (int i = 0; i < n; i++) {
                char c = buf[i];
                if (c == '\n' && afterCr) {
                    afterCr = false;
                    continue;
                }
                afterCr = c == '\r';
                if (c == '\n' || c == '\r') {
                    sink.line(line.toString());
                    line.setLength(0);
                } else {
                    line.append(c);
                    if (line.length() >= MAX_LINE_CHARS) {
                        sink.line(line.toString());
                        line.setLength(0);
                    }
                }
            }
        }
        if (line.length() > 0) {
            sink.line(line.toString());
        }
    }

    /** SIGTERM the process and its descendants, then SIGKILL whatever is left after a grace period. */
    static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
