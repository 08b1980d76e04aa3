package dev.morganbuild.engine.job;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class ServiceContextsTest {
    @Test
    void shouldHandTheImageOfAServiceContextToBuildKitAndTheRestAsWritten() {
        Map<String, String> additional = new LinkedHashMap<>();
        additional.put("base", "service:base");
        additional.put("shared", "/work/shared");
        additional.put("tool", "docker-image://alpine:3.20");

        assertThat(ServiceBuild.contexts(additional, Map.of("base", "registry.example.com/app/base:1.0")))
                .containsExactly(entry("base", "docker-image://registry.example.com/app/base:1.0"),
                        entry("shared", "/work/shared"), entry("tool", "docker-image://alpine:3.20"));
    }

    @Test
    void shouldRefuseAServiceContextThePlanDoesNotBuild() {
        assertThatThrownBy(() -> ServiceBuild.contexts(Map.of("base", "service:base"), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names service base");
    }
}
