package dev.realtimehub.core.connection;

import dev.realtimehub.core.spi.ConnectionInbound;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.Limits;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlowConsumerTest {

    private final ManualTime time = new ManualTime();
    private HubEngine hub;
    private RecordingSession slow;
    private RecordingSession healthy;
    private ConnectionInbound slowConnection;

    @BeforeEach
    void setUp() {
        hub = HubEngine.builder().clock(time).scheduler(time).limits(new Limits(100, 100, 2048, 8192)).build();
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
    void aCongestedConnectionSkipsEventsAndGetsAGapFrameWhenItDrains() {
        alert(1);
        slow.congest(true, 3000);
        alert(2);
        alert(3);
        alert(4);
        slow.congest(false, 0);
        alert(5); // still skipped: the gap is told first, in order
        slowConnection.onWritable();
        alert(6);

        assertThat(healthy.seqs("alerts")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(slow.seqs("alerts")).containsExactly(1L, 6L);
        JsonNode gap = slow.messages("gap").get(0);
        assertThat(gap.path("topic").asText()).isEqualTo("alerts");
        assertThat(gap.path("from").asLong()).isEqualTo(2);
        assertThat(gap.path("to").asLong()).isEqualTo(5);
        assertThat(hub.counters().slowConsumers().degraded()).isEqualTo(1);
        assertThat(slow.closedWith()).isNull();
    }

    @Test
    void aCongestedConflateTopicCatchesUpWithTheLatestPerKey() {
        slow.congest(true, 3000);
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
    void fallingPastTheHardLimitCloses4008() {
        slow.congest(true, 6000);
        String pad = "x".repeat(1000);
        for (int i = 0; i < 5; i++) {
            hub.publish("alerts", Publication.of("alert", Map.of("pad", pad))).join();
        }
        assertThat(slow.closedWith()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(hub.counters().slowConsumers().disconnected()).isEqualTo(1);
        assertThat(healthy.seqs("alerts")).hasSize(5);
    }

    @Test
    void aWriteThatWouldPassTheHardLimitAtOnceCloses4008InsteadOfQueueing() {
        slow.congest(false, 7000); // writable, yet 7,000 of 8,192 bytes already queued
        hub.publish("alerts", Publication.of("alert", Map.of("pad", "x".repeat(2000)))).join();
        assertThat(slow.closedWith()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(slow.seqs("alerts")).isEmpty();
        assertThat(hub.counters().slowConsumers().disconnected()).isEqualTo(1);
        assertThat(healthy.seqs("alerts")).hasSize(1);
    }

    @Test
    void repliesStillFlowWhileEventsAreSkipped() {
        slow.congest(true, 3000);
        alert(1);
        slowConnection.onText("{\"action\":\"ping\"}");
        assertThat(slow.messages("pong")).hasSize(1);
        assertThat(slow.seqs("alerts")).isEmpty();
    }
}
