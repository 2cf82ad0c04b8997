package dev.realtimehub.core.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Limits;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.delivery.FanOutBudget;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection that lags its peers is degraded and then closed; one that pauses for a moment, or lags along with
 * everyone, is not (see {@link ConnectionPace}). Soft limit 2,048 bytes, hard limit 8,192, stall time 5 s.
 */
class SlowConsumerTest {

    /** Long enough for the lag to be judged: the grace plus two samples. */
    private static final long JUDGED = ConnectionPace.LAG_GRACE_MS + 2 * FanOutBudget.SAMPLE_MS;

    private final ManualTime time = new ManualTime();
    private HubEngine hub;
    private RecordingSession slow;
    private RecordingSession healthy;
    private ConnectionInbound slowConnection;

    @BeforeEach
    void setUp() {
        hub = HubEngine.builder().clock(time).scheduler(time).limits(new Limits(100, 100, 2048, 8192, 5_000)).build();
        slow = new RecordingSession(new DirectLane());
        healthy = new RecordingSession(new DirectLane());
        slowConnection = hub.gateway().open(slow, Identity.ANONYMOUS);
        ConnectionInbound healthyConnection = hub.gateway().open(healthy, Identity.ANONYMOUS);
        for (String topic : new String[] {"alerts", "tasks"}) {
            slowConnection.onText("{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}");
            healthyConnection.onText("{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}");
        }
        slow.clear();
        healthy.clear();
    }

    private void alert(int n) {
        hub.publish("alerts", Publication.of("alert", Map.of("n", n))).join();
    }

    @Test
    void aConnectionFarBehindItsPeersForTheGraceSkipsEventsAndGetsAGapFrameWhenItDrains() {
        alert(1);
        slow.congest(true, 3000);
        alert(2); // behind, but not yet for the grace: still written
        time.advance(JUDGED);
        alert(3);
        alert(4);
        slow.congest(false, 0);
        alert(5); // still skipped: the gap is told first, in order
        slowConnection.onWritable();
        alert(6);

        assertThat(healthy.seqs("alerts")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(slow.seqs("alerts")).containsExactly(1L, 2L, 6L);
        JsonNode gap = slow.messages("gap").get(0);
        assertThat(gap.path("topic").asText()).isEqualTo("alerts");
        assertThat(gap.path("from").asLong()).isEqualTo(3);
        assertThat(gap.path("to").asLong()).isEqualTo(5);
        assertThat(hub.counters().slowConsumers().degraded()).isEqualTo(1);
        assertThat(slow.closedWith()).isNull();
    }

    @Test
    void aMomentaryPauseShorterThanTheGraceLosesNothing() {
        slow.congest(true, 3000);
        time.advance(ConnectionPace.LAG_GRACE_MS / 2);
        alert(1);
        slow.congest(false, 0);
        time.advance(JUDGED);
        alert(2);
        assertThat(slow.seqs("alerts")).containsExactly(1L, 2L);
        assertThat(slow.messages("gap")).isEmpty();
        assertThat(hub.counters().slowConsumers().degraded()).isZero();
    }

    @Test
    void aLaggingConflateTopicCatchesUpWithTheLatestPerKey() {
        slow.congest(true, 3000);
        time.advance(JUDGED);
        hub.publish("tasks", Publication.of("task_update", Map.of("task_id", "a", "progress", 10))).join();
        hub.publish("tasks", Publication.of("task_update", Map.of("task_id", "b", "progress", 10))).join();
        time.advance(100);
        hub.publish("tasks", Publication.of("task_update", Map.of("task_id", "a", "progress", 90))).join();
        time.advance(300);
        slow.congest(false, 0);
        slowConnection.onWritable();

        assertThat(slow.messages("gap")).isEmpty();
        assertThat(slow.events("tasks")).extracting(e -> e.path("task_id").asText() + "@" + e.path("progress").asInt())
                .containsExactly("b@10", "a@90");
    }

    @Test
    void fallingPastTheHardLimitBehindItsPeersCloses4008() {
        slow.congest(true, 6000);
        time.advance(JUDGED);
        String pad = "x".repeat(1000);
        for (int i = 0; i < 5; i++) {
            hub.publish("alerts", Publication.of("alert", Map.of("pad", pad))).join();
        }
        assertThat(slow.closedWith()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(slow.closeReason()).isEqualTo("fell more than 8192 bytes behind its peers");
        assertThat(hub.counters().slowConsumers().disconnected()).isEqualTo(1);
        assertThat(hub.counters().slowConsumers().stalled()).isZero();
        assertThat(healthy.seqs("alerts")).hasSize(5);
    }

    @Test
    void aWriteThatWouldPassTheHardLimitIsSkippedAndOnlyAConnectionJudgedBehindItsPeersIsClosed() {
        slow.congest(true, 7000); // a burst took it to 7,000 of 8,192 bytes before any review saw it behind
        hub.publish("alerts", Publication.of("alert", Map.of("pad", "x".repeat(2000)))).join();
        assertThat(slow.seqs("alerts")).as("never queued past the hard limit").isEmpty();
        assertThat(slow.closedWith()).as("not judged yet: degraded, not closed").isNull();
        time.advance(JUDGED); // still 7,000 behind a peer with nothing queued, for the grace
        hub.publish("alerts", Publication.of("alert", Map.of("pad", "x".repeat(2000)))).join();
        assertThat(slow.closedWith()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(healthy.seqs("alerts")).hasSize(2);
    }

    @Test
    void everyoneBehindTogetherIsOverloadThatHoldsPublishersInsteadOfDegradingAnyone() {
        slow.congest(true, 3000);
        healthy.congest(true, 3000);
        time.advance(JUDGED);
        var held = hub.publish("alerts", Publication.of("alert", Map.of("n", 1)));
        assertThat(held).as("held back: the typical connection is past half the soft limit").isNotDone();
        slow.congest(false, 0);
        healthy.congest(false, 0);
        time.advance(2 * FanOutBudget.SAMPLE_MS);
        assertThat(held.join()).isEqualTo(1);
        assertThat(slow.seqs("alerts")).containsExactly(1L);
        assertThat(healthy.seqs("alerts")).containsExactly(1L);
        assertThat(hub.counters().slowConsumers().degraded()).isZero();
    }

    @Test
    void aConnectionThatReadsNothingForTheStallTimeIsClosedWhateverItsPeersDo() {
        slow.congest(false, 100);
        healthy.congest(false, 100);
        healthy.sent(0);
        for (int second = 1; second <= 6; second++) {
            healthy.sent(second * 1000L); // the healthy one reads; the other's sent bytes stay put
            time.advance(1000);
        }
        assertThat(slow.closedWith()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(slow.closeReason()).isEqualTo("no read progress for 5000 ms");
        assertThat(healthy.closedWith()).isNull();
        assertThat(hub.counters().slowConsumers().disconnected()).isEqualTo(1);
        assertThat(hub.counters().slowConsumers().stalled()).isEqualTo(1);
    }

    @Test
    void repliesStillFlowWhileEventsAreSkipped() {
        slow.congest(true, 3000);
        time.advance(JUDGED);
        alert(1);
        slowConnection.onText("{\"action\":\"ping\"}");
        assertThat(slow.messages("pong")).hasSize(1);
        assertThat(slow.seqs("alerts")).isEmpty();
    }
}
