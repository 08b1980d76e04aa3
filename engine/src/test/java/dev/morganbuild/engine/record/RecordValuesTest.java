package dev.morganbuild.engine.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.record.StepRecord.StepStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record values' own rules: a failed step's error bound, the cache-hit ratio, the budget, the mount policy. */
class RecordValuesTest {
    static StepRecord failed(String error) {
        return new StepRecord(7, "[deps 2/4] RUN make", "deps", "RUN", 10, false, StepStatus.ERROR, error);
    }

    static String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < n; i++) {
            b.append(i % 10);
        }
        return b.toString();
    }

    @Test
    void shouldKeepAnErrorUpToTheBoundAsItIs() {
        String exact = "x".repeat(StepRecord.MAX_ERROR_CHARS);

        assertThat(failed(exact).error()).isEqualTo(exact);
        assertThat(failed("reason\nline 1\nline 2").error()).isEqualTo("reason\nline 1\nline 2");
        assertThat(failed(null).error()).isNull();
    }

    @Test
    void shouldKeepTheReasonAndTheLastOutputOfALongErrorCutFromTheFront() {
        String rest = digits(5000);

        String error = failed("ERROR: failed\n" + rest).error();

        // reason, newline, an ellipsis, then the newest output: 4000 - 13 - 2 chars of room, one for the ellipsis
        assertThat(error).startsWith("ERROR: failed\n…").endsWith(rest.substring(rest.length() - 3984));
        assertThat(error).hasSize(13 + 2 + 3984);
    }

    @Test
    void shouldCutAnOverlongReasonToHalfTheBound() {
        assertThat(failed("r".repeat(5000)).error()).isEqualTo("r".repeat(2000) + "…\n");
        String reason = "r".repeat(3000);
        String rest = digits(1997); // exactly the room left after the cut reason: kept whole
        assertThat(failed(reason + "\n" + rest).error()).isEqualTo("r".repeat(2000) + "…\n" + rest);
        String longer = digits(1998);
        assertThat(failed(reason + "\n" + longer).error())
                .isEqualTo("r".repeat(2000) + "…\n…" + longer.substring(longer.length() - 1996));
    }

    @Test
    void shouldKeepAReasonOfExactlyHalfTheBoundWhole() {
        String reason = "r".repeat(2000);
        String rest = digits(3000);

        String error = failed(reason + "\n" + rest).error();

        assertThat(error).startsWith(reason + "\n…").endsWith(rest.substring(rest.length() - 1997)).hasSize(3999);
    }

    @Test
    void shouldReadMissingStepNamesAsEmptyAndTellBuildStepsFromBuildKitsOwn() {
        StepRecord internal = new StepRecord(1, null, null, null, 0, false, StepStatus.DONE);
        assertThat(internal.name()).isEmpty();
        assertThat(internal.stage()).isEmpty();
        assertThat(internal.instruction()).isEmpty();
        assertThat(internal.isBuildStep()).isFalse();
        assertThat(internal.failed()).isFalse();
        assertThat(new StepRecord(2, "[internal] load", "internal", "RUN", 0, false, StepStatus.DONE).isBuildStep()).isFalse();
        assertThat(new StepRecord(3, "[base 1/3] FROM x", "base", "FROM", 0, false, StepStatus.DONE).isBuildStep()).isFalse();
        assertThat(failed("e").isBuildStep()).isTrue();
        assertThat(failed("e").failed()).isTrue();
    }

    static BuildRecord.Builder record() {
        return BuildRecord.builder("id", "run", "core").start(Instant.EPOCH).status(BuildStatus.SUCCESS);
    }

    @Test
    void shouldGiveTheShareOfCachedBuildStepsAndZeroWithoutSteps() {
        assertThat(record().stepsCached(3).stepsTotal(4).build().cacheHitRatio()).isEqualTo(0.75);
        assertThat(record().stepsCached(0).stepsTotal(0).build().cacheHitRatio()).isZero();
        assertThat(record().stepsCached(2).stepsTotal(2).build().cacheHitRatio()).isEqualTo(1.0);
    }

    @Test
    void shouldBeOverBudgetOnlyWhenASuccessfulBuildTookLongerThanTheBudget() {
        assertThat(record().durationMillis(10_000).budgetMillis(10_000L).build().overBudget()).isFalse();
        assertThat(record().durationMillis(10_001).budgetMillis(10_000L).build().overBudget()).isTrue();
        assertThat(record().durationMillis(10_001).budgetMillis(null).build().overBudget()).isFalse();
        assertThat(record().durationMillis(10_001).budgetMillis(10_000L).status(BuildStatus.FAILED).build().overBudget())
                .isFalse();
    }

    @Test
    void shouldReadMissingListsAsEmptyAndKeepGivenOnes() {
        BuildRecord none = record().tags(null).steps(null).warnings(null).pushed(null).build();
        assertThat(none.tags()).isEmpty();
        assertThat(none.steps()).isEmpty();
        assertThat(none.warnings()).isEmpty();
        assertThat(none.pushed()).isEmpty();

        BuildRecord some = record().tags(List.of("a:1")).pushed(List.of("a:1@sha256:x")).warnings(List.of("w")).build();
        assertThat(some.tags()).containsExactly("a:1");
        assertThat(some.pushed()).containsExactly("a:1@sha256:x");
        assertThat(some.warnings()).containsExactly("w");
    }

    @Test
    void shouldReadCacheMountPoliciesInAnyCaseAndBlankAsUnset() {
        assertThat(CacheMountPolicy.parse("keep", "--cache-mounts")).isEqualTo(CacheMountPolicy.KEEP);
        assertThat(CacheMountPolicy.parse(" DROP ", "--cache-mounts")).isEqualTo(CacheMountPolicy.DROP);
        assertThat(CacheMountPolicy.parse(null, "--cache-mounts")).isNull();
        assertThat(CacheMountPolicy.parse("  ", "--cache-mounts")).isNull();
        assertThatThrownBy(() -> CacheMountPolicy.parse(" wipe ", "nightly-mounts")).isInstanceOf(MorganException.class)
                .hasMessageContaining("nightly-mounts must be keep or drop, not 'wipe'");
    }
}
