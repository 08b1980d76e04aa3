package dev.morganbuild.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {
    @Test
    void shouldCreateNewPrivateFilesWithRandomNames(@TempDir Path dir) throws Exception {
        Set<Path> made = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Path f = TempFiles.createFile(dir, ".ledger.json-", ".tmp");

            assertThat(made.add(f)).isTrue();
            assertThat(f.getParent()).isEqualTo(dir);
            assertThat(f.getFileName().toString()).matches("\\.ledger\\.json-[0-9]+\\.tmp");
            assertThat(f).isEmptyFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        }
    }

    @Test
    void shouldCreateNewPrivateFoldersInTheTemporaryFolder() throws Exception {
        Path a = TempFiles.createDirectory("morgan-test-");
        Path b = TempFiles.createDirectory("morgan-test-");
        try {
            assertThat(a).isNotEqualTo(b).isEmptyDirectory();
            assertThat(a.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(a.getFileName().toString()).matches("morgan-test-[0-9]+");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a))).isEqualTo("rwx------");
        } finally {
            Files.delete(a);
            Files.delete(b);
        }
    }
}
