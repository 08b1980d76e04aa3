package dev.morganbuild.engine.id;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for build records and runs, read from the kernel's random source.
 *
 * <p>Why not {@link UUID#randomUUID()}: its first call in a JVM sets up the security providers and a
 * {@code SecureRandom}, 15 to 30 ms of a one-shot CLI call. The bytes come from the same place
 * ({@code /dev/urandom}, which {@code SecureRandom} reads on Linux); where it cannot be read, this
 * falls back to {@link UUID#randomUUID()}.
 */
public final class RandomId {
    private static final Path URANDOM = Path.of("/dev/urandom");

    private RandomId() {
    }

    /** A new random UUID, as {@link UUID#randomUUID()} makes them (version 4, IETF variant). */
    public static UUID uuid() {
        byte[] b = bytes(16);
        if (b == null) {
            return UUID.randomUUID();
        }
        b[6] = (byte) (b[6] & 0x0f | 0x40);
        b[8] = (byte) (b[8] & 0x3f | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = msb << 8 | b[i] & 0xff;
            lsb = lsb << 8 | b[i + 8] & 0xff;
        }
        return new UUID(msb, lsb);
    }

    /** A random unsigned number in decimal, for the names of temporary files (as {@link Files#createTempFile} names them). */
    public static String name() {
        byte[] b = bytes(8);
        if (b == null) {
            return Long.toUnsignedString(UUID.randomUUID().getLeastSignificantBits());
        }
        long n = 0;
        for (byte x : b) {
            n = n << 8 | x & 0xff;
        }
        return Long.toUnsignedString(n);
    }

    /** {@code n} bytes from the kernel's random source, or null where it cannot be read. */
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        try (InputStream in = Files.newInputStream(URANDOM)) {
            return in.readNBytes(b, 0, n) == n ? b : null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
