package dev.realtimehub.core.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.BrokerListener;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A client comes back with {@code since} to a node that is behind it and cannot read history: a node restarted while
 * Redis was away, whose feed catches up once Redis is back. The chaos run caught clients being answered with the node's
 * older seq and then sent events they had already seen or been told they missed (a client that trusts the reply's seq
 * takes those as new: duplicates). The reply keeps the client's position, and only what is newer follows.
 */
class LaggingNodeRecoveryTest {

    private static final String EPOCH = "e1";

    private final ManualTime time = new ManualTime();
    private final DirectLane lane = new DirectLane();
    private final OutageBroker broker = new OutageBroker();
    private final HubEngine hub = HubEngine.builder().clock(time).scheduler(time)
            .topic(TopicConfig.builder("feed").history(100).build()).broker(broker).build();

    @Test
    void aNodeBehindTheClientWithHistoryDownKeepsTheClientsPositionAndSendsOnlyNewerEvents() {
        RecordingSession session = subscribe("{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":6,\"epoch\":\""
                + EPOCH + "\"}");

        JsonNode reply = session.messages("subscription").get(0);
        assertThat(reply.path("recovered").asBoolean()).as("history could not be read").isFalse();
        assertThat(reply.path("seq").asLong()).as("the client's since, not the node's older 3").isEqualTo(6);
        broker.catchUp(4, 8);
        assertThat(session.seqs("feed")).containsExactly(7L, 8L);
    }

    @Test
    void aClientBehindTheNodeIsAnsweredWithTheNodesPositionAndGetsWhatFollows() {
        RecordingSession session = subscribe("{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":1,\"epoch\":\""
                + EPOCH + "\"}");

        JsonNode reply = session.messages("subscription").get(0);
        assertThat(reply.path("recovered").asBoolean()).isFalse();
        assertThat(reply.path("seq").asLong()).as("2 and 3 are lost to it, and it is told so").isEqualTo(3);
        broker.catchUp(4, 5);
        assertThat(session.seqs("feed")).containsExactly(4L, 5L);
    }

    @Test
    void aClientOfAnotherEpochStartsFromTheNodesPosition() {
        RecordingSession session = subscribe(
                "{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":6,\"epoch\":\"old\"}");

        JsonNode reply = session.messages("subscription").get(0);
        assertThat(reply.path("recovered").asBoolean()).isFalse();
        assertThat(reply.path("seq").asLong()).as("its 6 means nothing in this epoch").isEqualTo(3);
        broker.catchUp(4, 5);
        assertThat(session.seqs("feed")).containsExactly(4L, 5L);
    }

    private RecordingSession subscribe(String frame) {
        RecordingSession session = new RecordingSession(lane);
        hub.gateway().open(session, Identity.ANONYMOUS).onText(frame);
        return session;
    }

    /**
     * A node's broker while Redis is away: it knows the topic up to seq 3 of epoch {@value #EPOCH}, cannot read history
     * or publish, and brings the events it missed once "Redis is back" ({@link #catchUp}).
     */
    private static final class OutageBroker implements Broker {
        private BrokerListener listener;

        void catchUp(long from, long to) {
            for (long seq = from; seq <= to; seq++) {
                listener.onEvent(Event.accept("feed", seq, 0, Publication.of("event", Map.of("n", seq))));
            }
        }

        @Override
        public void start(BrokerListener newListener) {
            this.listener = newListener;
        }

        @Override
        public CompletableFuture<Long> publish(TopicConfig topic, Publication publication) {
            return CompletableFuture.failedFuture(new IllegalStateException("Redis away"));
        }

        @Override
        public CompletableFuture<HistorySlice> history(TopicConfig topic, long sinceSeq, long upToSeq) {
            return CompletableFuture.failedFuture(new IllegalStateException("Redis away"));
        }

        @Override
        public TopicPosition position(String topic) {
            return new TopicPosition("feed".equals(topic) ? 3 : 0, EPOCH);
        }

        @Override
        public int historySize(String topic) {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
