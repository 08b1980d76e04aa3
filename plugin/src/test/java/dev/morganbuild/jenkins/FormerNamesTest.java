package dev.morganbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a version before the package layout wrote reads in this one. */
class FormerNamesTest {
    private static final String FORMER = "dev.morganbuild.jenkins.MorganGlobalConfiguration";
    private static final String NOW = MorganGlobalConfiguration.class.getName();

    @Test
    void shouldRenameTheFormerConfigurationFileAndItsRootElement(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(FORMER + ".xml"), "<?xml version='1.1' encoding='UTF-8'?>\n<" + FORMER
                + " plugin=\"morgan-build@0.1\">\n  <gpuLabel>cuda</gpuLabel>\n</" + FORMER + ">\n");

        FormerNames.migrateConfigurationFile(home, MorganGlobalConfiguration.class);

        assertThat(home.resolve(FORMER + ".xml")).doesNotExist();
        assertThat(Files.readString(home.resolve(NOW + ".xml")))
                .isEqualTo("<?xml version='1.1' encoding='UTF-8'?>\n<" + NOW + " plugin=\"morgan-build@0.1\">\n"
                        + "  <gpuLabel>cuda</gpuLabel>\n</" + NOW + ">\n");
    }

    @Test
    void shouldNeverOverwriteTheCurrentFile(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(FORMER + ".xml"), "<" + FORMER + "><gpuLabel>old</gpuLabel></" + FORMER + ">");
        Files.writeString(home.resolve(NOW + ".xml"), "<" + NOW + "><gpuLabel>new</gpuLabel></" + NOW + ">");

        FormerNames.migrateConfigurationFile(home, MorganGlobalConfiguration.class);

        assertThat(Files.readString(home.resolve(NOW + ".xml"))).contains("new");
        assertThat(home.resolve(FORMER + ".xml")).exists();
    }

    @Test
    void shouldNameEveryPersistedClassUnderItsFormerFlatPackage() {
        assertThat(FormerNames.CLASSES).allSatisfy((former, now) -> {
            assertThat(former).isEqualTo("dev.morganbuild.jenkins." + now.getSimpleName());
            assertThat(now.getPackageName()).isNotEqualTo("dev.morganbuild.jenkins");
        });
    }
}
