package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LongSummaryStatistics;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The storm's clients wait as the browser client does: the drain jitter, then a full-jitter exponential backoff. */
class ReconnectsTest {

    private final Reconnects reconnects = new Reconnects(5_000);

    @Test
    void theFirstAttemptWaitsUpToTheDrainJitter() {
        LongSummaryStatistics delays = LongStream.range(0, 10_000).map(i -> reconnects.firstDelayMillis())
                .summaryStatistics();
        assertThat(delays.getMin()).isBetween(0L, 50L);
        assertThat(delays.getMax()).isBetween(4_950L, 5_000L);
    }

    @Test
    void eachFailedAttemptDoublesTheCeilingOfTheNextDelayUpToThirtySeconds() {
        long[] ceilings = {2_000, 4_000, 8_000, 16_000, 30_000, 30_000};
        for (int attempt = 1; attempt <= ceilings.length; attempt++) {
            int n = attempt;
            LongSummaryStatistics delays = LongStream.range(0, 10_000).map(i -> reconnects.retryDelayMillis(n))
                    .summaryStatistics();
            long ceiling = ceilings[attempt - 1];
            assertThat(delays.getMax()).as("attempt %d", attempt).isLessThanOrEqualTo(ceiling)
                    .isGreaterThan(ceiling * 95 / 100);
            assertThat(delays.getMin()).as("attempt %d: full jitter", attempt).isLessThan(ceiling / 20);
        }
    }

    @Test
    void aResumptionCountsItsAttemptsUntilItSubscribesAgain() {
        Resumption resumption = new Resumption(0, new Audience.Subscription("bench", null, 0, 1));
        assertThat(resumption.nextAttempt()).isZero();
        assertThat(resumption.nextAttempt()).isEqualTo(1);
        resumption.subscribed("{\"type\":\"subscription\",\"topic\":\"bench\",\"seq\":3,\"epoch\":\"e1\"}");
        assertThat(resumption.nextAttempt()).as("reset by the subscription").isZero();
    }

    @Test
    void everyoneIsBackOnlyOnceEachCloseWasAnsweredAResubscription() {
        Reconnects reconnects = new Reconnects(0);
        assertThat(reconnects.everyoneBack()).as("nobody was closed").isTrue();
        reconnects.onDisconnect(1);
        reconnects.onDisconnect(2);
        reconnects.onAttemptFailed();
        assertThat(reconnects.everyoneBack()).isFalse();
        reconnects.onResubscribed(true, 1, 10);
        assertThat(reconnects.everyoneBack()).isFalse();
        reconnects.onResubscribed(false, 2, 11);
        assertThat(reconnects.everyoneBack()).isTrue();
        assertThat(reconnects.resubscribed()).isEqualTo(2);
    }
}
