package dev.realtimehub.core.delivery;

import dev.realtimehub.core.spi.ConnectionInbound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.engine.HubCounters;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.connection.RecoveryOutcome;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubCountersTest {

    private final ManualTime time = new ManualTime();
    private final DirectLane lane = new DirectLane();
    private HubEngine hub;
    private HubCounters counters;
    private int logs;
    private int feed;

    @BeforeEach
    void setUp() {
        hub = HubEngine.builder().clock(time).scheduler(time)
                .topic(TopicConfig.builder("logs").policy(DeliveryPolicy.BATCH).batchMaxItems(3).build())
                .topic(TopicConfig.builder("feed").history(2).build())
                .build();
        counters = hub.counters();
        logs = hub.topics().indexOf("logs");
        feed = hub.topics().indexOf("feed");
    }

    private RecordingSession connect(String... frames) {
        RecordingSession session = new RecordingSession(lane);
        ConnectionInbound connection = hub.gateway().open(session, Identity.ANONYMOUS);
        for (String frame : frames) {
            connection.onText(frame);
        }
        return session;
    }

    private void publish(String topic, int count) {
        for (int i = 0; i < count; i++) {
            hub.publish(topic, Publication.of("event", Map.of("n", i))).join();
        }
    }

    @Test
    void deliveriesCountEveryEventPerConnectionAndBatchesByTheirItems() {
        List<RecordingSession> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sessions.add(connect("{\"action\":\"subscribe\",\"topic\":\"logs\"}",
                    "{\"action\":\"subscribe\",\"topic\":\"feed\"}"));
        }
        long bytesBefore = counters.bytesOut();
        assertThat(bytesBefore).as("connected and subscription replies count as bytes").isPositive();

        publish("feed", 4);
        publish("logs", 5); // the first at once, four merged into two batch frames when the window closes
        time.advance(100);

        assertThat(counters.subscribers(logs)).isEqualTo(3);
        assertThat(counters.topic(feed).published()).isEqualTo(4);
        assertThat(counters.delivered(feed)).isEqualTo(3 * 4);
        assertThat(counters.delivered(logs)).isEqualTo(3 * 5);
        assertThat(counters.topic(logs).merged()).isEqualTo(4);
        long written = sessions.get(0).messages().stream()
                .filter(m -> !m.path("type").asText().equals("subscription") && !m.path("type").asText().equals("connected"))
                .mapToLong(m -> m.toString().length()).sum();
        assertThat(counters.bytesOut() - bytesBefore).as("payload bytes of every frame to every connection")
                .isEqualTo(3 * written);
    }

    @Test
    void fanOutRecordsOnePublishToWriteLatencyPerFramePerLane() {
        connect("{\"action\":\"subscribe\",\"topic\":\"feed\"}");
        connect("{\"action\":\"subscribe\",\"topic\":\"feed\"}");
        publish("feed", 6);

        LatencySnapshot latency = hub.counters().publishToWrite();
        assertThat(latency.count()).as("both connections share one lane").isEqualTo(6);
        assertThat(latency.bucketCount()).isEqualTo(LaneCounters.LATENCY_BOUNDS_NANOS.length + 1);
        assertThat(latency.sumNanos()).isNotNegative();
    }

    @Test
    void recoveriesAreCountedByOutcome() {
        publish("feed", 5); // history keeps 4 and 5
        String epoch = hub.position("feed").epoch();
        connect("{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":3,\"epoch\":\"" + epoch + "\"}");
        connect("{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":1,\"epoch\":\"" + epoch + "\"}");
        connect("{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":3,\"epoch\":\"another\"}");
        connect("{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":99,\"epoch\":\"" + epoch + "\"}");

        assertThat(counters.recoveries().get(RecoveryOutcome.RECOVERED)).isEqualTo(1);
        assertThat(counters.recoveries().get(RecoveryOutcome.HISTORY_GONE)).isEqualTo(1);
        assertThat(counters.recoveries().get(RecoveryOutcome.EPOCH_CHANGED)).isEqualTo(1);
        assertThat(counters.recoveries().get(RecoveryOutcome.OUT_OF_RANGE)).isEqualTo(1);
        assertThat(counters.recoveries().get(RecoveryOutcome.FAILED)).isZero();
        assertThat(counters.delivered(feed)).as("the replay of 4 and 5 counts as delivered").isEqualTo(2);
    }

    @Test
    void laneCountersBucketLatenciesByTheirUpperBound() {
        LaneCounters lane = new LaneCounters(1);
        lane.latency(100_000);      // exactly the first bound
        lane.latency(100_001);      // just above it
        lane.latency(-5);           // a clock oddity counts as 0
        lane.latency(60_000_000_000L); // beyond the last bound
        long[] buckets = new long[LaneCounters.LATENCY_BOUNDS_NANOS.length + 1];
        long sum = lane.addLatency(buckets);
        assertThat(buckets[0]).isEqualTo(2);
        assertThat(buckets[1]).isEqualTo(1);
        assertThat(buckets[buckets.length - 1]).isEqualTo(1);
        assertThat(sum).isEqualTo(100_000 + 100_001 + 60_000_000_000L);
    }
}
