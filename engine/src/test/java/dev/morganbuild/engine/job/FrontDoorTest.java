package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrontDoorTest {
    @Test
    void shouldAdmitTheRequestTheRecordsAndTheStackModelButNotTheEnginesInnards() {
        assertThat(FrontDoor.admits(StackRequest.class.getName())).isTrue();
        assertThat(FrontDoor.admits(StackRequest.Builder.class.getName())).isTrue();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.MorganException")).isTrue();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.stack.Service")).isTrue();
        assertThat(FrontDoor.admits("java.util.List")).isTrue();

        assertThat(FrontDoor.admits("dev.morganbuild.engine.stack.ComposeParser")).isFalse();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.buildkit.ArgvRenderer")).isFalse();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.dockerfile.DockerfileInfo$Stage")).isFalse();
        assertThat(FrontDoor.admits("dev.morganbuild.engine.stack.ServiceX")).isFalse();
    }
}
