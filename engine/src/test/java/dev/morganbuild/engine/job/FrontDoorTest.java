package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.FrontEndSources;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrontDoorTest {
    @Test
    void shouldAdmitTheRequestTheRecordsAndTheStackModelButNotTheEnginesInnards() {
        assertThat(FrontDoor.admits(StackRequest.class.getName())).isTrue();
        assertThat(FrontDoor.admits(StackRequest.Builder.class.getName())).isTrue();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.MorganException")).isTrue();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.MorganException$Kind")).isTrue();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.stack.Service")).isTrue();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.history.HistoryStore")).isTrue();
        assertThat(FrontDoor.admits("java.util.List")).isTrue();

        assertThat(FrontDoor.admits("dev.morganbuild.engine.stack.ComposeParser")).isFalse();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.buildkit.ArgvRenderer")).isFalse();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.dockerfile.DockerfileInfo$Stage")).isFalse();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.stack.ServiceX")).isFalse();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.history.LogScanner")).isFalse();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.chart.ServiceColors")).isFalse();
    }

    /** The plugin's own ArchitectureTest needs Jenkins to run; this one reads its sources (and the CLI's). */
    @Test
    void shouldAdmitEveryEngineClassTheCliAndThePluginName() {
        Set<String> named = FrontEndSources.engineClassesNamedIn(FrontEndSources.MAIN);

        assertThat(named).as("the scan sees the plugin's imports and the CLI's qualified names")
                .contains(AgentJobMain.class.getName(), RegistryCredentialsFile.class.getName());
        assertThat(named).as("engine classes that the CLI or the plugin name outside the front door")
                .filteredOn(c -> !FrontDoor.admits(c)).isEmpty();
    }
}
