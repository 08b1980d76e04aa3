package dev.morganbuild.engine.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Service names of the index, one per line; a service's id is its line number. Used under the store's lock. */
final class ServiceTable {
    private final Path file;

    ServiceTable(Path file) {
        this.file = file;
    }

    List<String> names() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int start = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
            names.add(text.substring(start, i));
            start = i + 1;
        }
        return names; // a last name without its newline was torn: not part of the table
    }

    int size() throws IOException {
        return names().size();
    }

    int idOf(String service) throws IOException {
        List<String> names = names();
        int id = names.indexOf(service);
        if (id >= 0) {
            return id;
        }
        byte[] line = (service.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.truncate(sizeOfComplete(names));
            ch.write(ByteBuffer.wrap(line), ch.size());
        }
        return names.size();
    }

    void reset() throws IOException {
        Files.deleteIfExists(file);
    }

    private static long sizeOfComplete(List<String> names) {
        long n = 0;
        for (String s : names) {
            n += s.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return n;
    }
}
