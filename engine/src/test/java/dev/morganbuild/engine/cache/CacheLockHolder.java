package dev.morganbuild.engine.cache;

import java.nio.file.Path;
import java.time.Duration;

/** Child-JVM main: holds a service's cache lock until its standard input closes. */
public final class CacheLockHolder {
    public static void main(String[] args) throws Exception {
        CacheRoot root = new CacheRoot(Path.of(args[0]));
        try (CacheLock lock = CacheLock.acquire(root, args[1], "child pid " + ProcessHandle.current().pid(),
                Duration.ofSeconds(30), m -> { })) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold until the parent closes our stdin
            }
        }
    }
}
