package dev.morganbuild.engine.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceColorsTest {
    static final List<String> TWELVE = List.of("core", "tts", "stt", "web", "llm", "vision", "db", "queue", "gateway",
            "worker", "embed", "rerank");

    @Test
    void shouldGiveTwelveServicesTwelveDifferentColours() {
        Map<String, String> colors = ServiceColors.assign(TWELVE);

        assertThat(new HashSet<>(colors.values())).hasSize(12);
        assertThat(ServiceColors.PALETTE).hasSizeGreaterThanOrEqualTo(12).doesNotHaveDuplicates();
    }

    @Test
    void shouldNotDependOnTheOrderServicesAreSeenIn() {
        List<String> shuffled = new ArrayList<>(TWELVE);
        Collections.reverse(shuffled);

        assertThat(ServiceColors.assign(shuffled)).isEqualTo(ServiceColors.assign(TWELVE));
    }

    @Test
    void shouldKeepAServicesPreferredColourWhenNothingCollidesWithIt() {
        String color = ServiceColors.assign(List.of("core")).get("core");

        assertThat(ServiceColors.PALETTE.indexOf(color)).isEqualTo(Math.floorMod("core".hashCode(), 12));
    }
}
