package dev.realtimehub.core.connection;

import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.auth.Identity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.broker.MemoryBroker;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.BrokerListener;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import dev.realtimehub.core.engine.HubEngineBuilder;

class RecoveryTest {

    private final ManualTime time = new ManualTime();
    private final DirectLane lane = new DirectLane();

    private HubEngine hub(Broker broker) {
        HubEngineBuilder builder = HubEngine.builder().clock(time).scheduler(time)
                .topic(TopicConfig.builder("feed").history(5).build())
                .topic(TopicConfig.builder("logs").policy(DeliveryPolicy.BATCH).build());
        if (broker != null) {
            builder.broker(broker);
        }
        return builder.build();
    }

    private static void publish(HubEngine hub, String topic, int count) {
        for (int i = 0; i < count; i++) {
            hub.publish(topic, Publication.of("event", Map.of("n", i))).join();
        }
    }

    /** The connection {@link #connect} opened last. */
    private ConnectionInbound lastOpened;

    private RecordingSession connect(HubEngine hub, String... frames) {
        RecordingSession session = new RecordingSession(lane);
        ConnectionInbound connection = hub.gateway().open(session, Identity.ANONYMOUS);
        lastOpened = connection;
        for (String frame : frames) {
            connection.onText(frame);
        }
        return session;
    }

    private static JsonNode reply(RecordingSession session) {
        return session.messages("subscription").get(0);
    }

    @Test
    void replaysEveryMissedEventAfterTheReplyAndBeforeLiveOnes() {
        HubEngine hub = hub(null);
        publish(hub, "feed", 4);
        String epoch = hub.position("feed").epoch();

        RecordingSession session = connect(hub,
                "{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":2,\"epoch\":\"" + epoch + "\"}");
        publish(hub, "feed", 1);

        JsonNode reply = reply(session);
        assertThat(reply.path("recovered").asBoolean()).isTrue();
        assertThat(reply.path("seq").asLong()).isEqualTo(4);
        assertThat(reply.path("epoch").asText()).isEqualTo(epoch);
        assertThat(session.seqs("feed")).containsExactly(3L, 4L, 5L);
        assertThat(session.messages().get(1).path("type").asText()).isEqualTo("subscription");
    }

    @Test
    void sinceZeroReplaysFromTheStartWhileHistoryStillHoldsIt() {
        HubEngine hub = hub(null);
        publish(hub, "feed", 3);
        RecordingSession session = connect(hub, "{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":0}");
        assertThat(reply(session).path("recovered").asBoolean()).isTrue();
        assertThat(session.seqs("feed")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void sinceJustEvictedIsNotRecovered() {
        HubEngine hub = hub(null);
        publish(hub, "feed", 8); // history 5 keeps 4..8, seq 3 was the last evicted
        String epoch = hub.position("feed").epoch();

        RecordingSession kept = connect(hub,
                "{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":3,\"epoch\":\"" + epoch + "\"}");
        assertThat(reply(kept).path("recovered").asBoolean()).isTrue();
        assertThat(kept.seqs("feed")).containsExactly(4L, 5L, 6L, 7L, 8L);

        RecordingSession lost = connect(hub,
                "{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":2,\"epoch\":\"" + epoch + "\"}");
        assertThat(reply(lost).path("recovered").asBoolean()).isFalse();
        assertThat(reply(lost).path("seq").asLong()).isEqualTo(8);
        assertThat(lost.seqs("feed")).isEmpty();
        publish(hub, "feed", 1);
        assertThat(lost.seqs("feed")).as("live events follow").containsExactly(9L);
    }

    @Test
    void sinceInTheFutureIsNotRecovered() {
        HubEngine hub = hub(null);
        publish(hub, "feed", 2);
        RecordingSession session = connect(hub, "{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":99}");
        assertThat(reply(session).path("recovered").asBoolean()).isFalse();
        assertThat(reply(session).path("seq").asLong()).isEqualTo(2);
        publish(hub, "feed", 1);
        assertThat(session.seqs("feed")).containsExactly(3L);
    }

    @Test
    void anotherEpochIsNotRecovered() {
        HubEngine before = hub(null);
        publish(before, "feed", 3);
        String oldEpoch = before.position("feed").epoch();

        HubEngine restarted = hub(null);
        publish(restarted, "feed", 5);
        assertThat(restarted.position("feed").epoch()).isNotEqualTo(oldEpoch);
        RecordingSession session = connect(restarted,
                "{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":3,\"epoch\":\"" + oldEpoch + "\"}");
        assertThat(reply(session).path("recovered").asBoolean()).isFalse();
        assertThat(session.seqs("feed")).isEmpty();
    }

    @Test
    void conflateTopicReplaysTheCurrentStateInSeqOrder() {
        HubEngine hub = hub(null);
        hub.publish("tasks", Publication.of("task_update", Map.of("task_id", "a", "progress", 10))).join();
        hub.publish("tasks", Publication.of("task_update", Map.of("task_id", "b", "progress", 10))).join();
        time.advance(100);
        hub.publish("tasks", Publication.of("task_update", Map.of("task_id", "a", "progress", 50))).join();
        time.advance(300);

        RecordingSession session = connect(hub, "{\"action\":\"subscribe\",\"topic\":\"tasks\",\"since\":0}");
        assertThat(reply(session).path("recovered").asBoolean()).isTrue();
        List<JsonNode> replayed = session.messages("task_update");
        assertThat(replayed).extracting(m -> m.path("task_id").asText()).containsExactly("b", "a");
        assertThat(replayed).extracting(m -> m.path("seq").asLong()).containsExactly(2L, 3L);
        assertThat(replayed.get(1).path("progress").asInt()).isEqualTo(50);
    }

    @Test
    void eventsHeldInAWindowAreDeliveredLiveNotReplayedTwice() {
        HubEngine hub = hub(null);
        publish(hub, "logs", 3); // 1 sent, 2 and 3 held in the window
        RecordingSession session = connect(hub, "{\"action\":\"subscribe\",\"topic\":\"logs\",\"since\":0}");
        assertThat(reply(session).path("seq").asLong()).isEqualTo(1);
        assertThat(session.seqs("logs")).containsExactly(1L);
        time.advance(100);
        assertThat(session.seqs("logs")).containsExactly(1L, 2L, 3L);
    }

    /**
     * A client that saw seq 2 on another node, whose window closed sooner, moves to this node while its window still
     * holds 2 and 3 (the soak run's duplicates after a restart): the flushed batch reaches it without the 2 it has.
     */
    @Test
    void aBatchStraddlingSinceIsCutAtSince() {
        HubEngine hub = hub(null);
        publish(hub, "logs", 3); // 1 sent, 2 and 3 held in the window
        String epoch = hub.position("logs").epoch();
        RecordingSession session = connect(hub,
                "{\"action\":\"subscribe\",\"topic\":\"logs\",\"since\":2,\"epoch\":\"" + epoch + "\"}");
        assertThat(reply(session).path("recovered").asBoolean()).isTrue();
        time.advance(100);
        assertThat(session.seqs("logs")).containsExactly(3L);
        JsonNode batch = session.messages("batch").get(0);
        assertThat(batch.path("count").asInt()).as("count says what the cut frame carries").isEqualTo(1);
    }

    /** The same with the window closing while the recovery waits for history: the held-back batch is cut too. */
    @Test
    void aHeldBackBatchStraddlingSinceIsCutAtSince() {
        SlowHistoryBroker broker = new SlowHistoryBroker(time);
        HubEngine hub = hub(broker);
        publish(hub, "logs", 4); // 1 sent, 2..4 held in the window
        String epoch = hub.position("logs").epoch();
        RecordingSession session = connect(hub,
                "{\"action\":\"subscribe\",\"topic\":\"logs\",\"since\":3,\"epoch\":\"" + epoch + "\"}");
        time.advance(100); // the window flushes 2..4 while the recovery holds live frames back
        broker.answer();
        assertThat(reply(session).path("recovered").asBoolean()).isTrue();
        assertThat(session.seqs("logs")).containsExactly(4L);
    }

    @Test
    void liveFramesArrivingDuringAnAsyncRecoveryAreHeldBackAndNotDuplicated() {
        SlowHistoryBroker broker = new SlowHistoryBroker(time);
        HubEngine hub = hub(broker);
        publish(hub, "feed", 3);
        RecordingSession session = connect(hub, "{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":1}");
        assertThat(session.messages()).as("nothing before the history answers").hasSize(1); // connected
        publish(hub, "feed", 2);
        broker.answer();
        assertThat(reply(session).path("recovered").asBoolean()).isTrue();
        assertThat(session.seqs("feed")).containsExactlyElementsOf(LongStream.rangeClosed(2, 5).boxed().toList());
    }

    @Test
    void aGapRecoveryWhileSubscribedReplaysWithoutDuplicates() {
        HubEngine hub = hub(null);
        RecordingSession session = connect(hub, "{\"action\":\"subscribe\",\"topic\":\"feed\"}");
        publish(hub, "feed", 4);
        lastOpened.onText("{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":2}");
        publish(hub, "feed", 1);
        assertThat(session.seqs("feed")).as("3 and 4 again, as asked, then 5 once").containsExactly(1L, 2L, 3L, 4L, 3L, 4L, 5L);
    }

    /** A memory broker whose history answers only when the test says so, like a remote one. */
    private static final class SlowHistoryBroker implements Broker {
        private final MemoryBroker delegate;
        private final List<Runnable> waiting = new ArrayList<>();

        SlowHistoryBroker(ManualTime time) {
            this.delegate = new MemoryBroker(time);
        }

        void answer() {
            new ArrayList<>(waiting).forEach(Runnable::run);
            waiting.clear();
        }

        @Override
        public void start(BrokerListener listener) {
            delegate.start(listener);
        }

        @Override
        public CompletableFuture<Long> publish(TopicConfig topic, Publication publication) {
            return delegate.publish(topic, publication);
        }

        @Override
        public CompletableFuture<HistorySlice> history(TopicConfig topic, long sinceSeq, long upToSeq) {
            CompletableFuture<HistorySlice> result = new CompletableFuture<>();
            waiting.add(() -> result.complete(delegate.history(topic, sinceSeq, upToSeq).join()));
            return result;
        }

        @Override
        public TopicPosition position(String topic) {
            return delegate.position(topic);
        }

        @Override
        public int historySize(String topic) {
            return delegate.historySize(topic);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
