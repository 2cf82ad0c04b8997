package dev.realtimehub.core.health;

import dev.realtimehub.core.spi.ConnectionInbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.broker.MemoryBroker;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.protocol.PublishRequests;
import dev.realtimehub.core.api.PublishException;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.BrokerListener;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeliveryProbeTest {

    private final ManualTime time = new ManualTime();

    /** Accepts every publish and assigns seqs, but never hands an event to the listener: a broker gone silent. */
    static class SilentBroker implements Broker {
        private final AtomicLong seq = new AtomicLong();
        final List<String> published = new ArrayList<>();

        @Override
        public void start(BrokerListener listener) {
        }

        @Override
        public CompletableFuture<Long> publish(TopicConfig topic, Publication publication) {
            published.add(topic.name());
            return CompletableFuture.completedFuture(seq.incrementAndGet());
        }

        @Override
        public CompletableFuture<HistorySlice> history(TopicConfig topic, long sinceSeq, long upToSeq) {
            return CompletableFuture.failedFuture(new IllegalStateException("silent"));
        }

        @Override
        public TopicPosition position(String topic) {
            return new TopicPosition(0, "e");
        }

        @Override
        public int historySize(String topic) {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aProbeComesBackThroughTheMemoryBroker() {
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).build();
        int before = time.pending(); // the engine's own timers (e.g. the sweep of the built-in task namespace)
        DeliveryProbe.Result result = hub.checkDelivery(2000).join();
        assertThat(result.ready()).isTrue();
        assertThat(result.latencyNanos()).isNotNegative();
        assertThat(result.reason()).isNull();
        assertThat(time.pending()).as("the timeout was cancelled").isEqualTo(before);
    }

    @Test
    void aBrokerThatAcceptsButNeverDeliversMakesTheProbeUnreadyAtTheTimeout() {
        SilentBroker broker = new SilentBroker();
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).broker(broker).build();
        CompletableFuture<DeliveryProbe.Result> first = hub.checkDelivery(2000);
        CompletableFuture<DeliveryProbe.Result> second = hub.checkDelivery(2000);
        assertThat(second).as("a check in flight is shared").isSameAs(first);
        assertThat(broker.published).containsExactly(DeliveryProbe.TOPIC);

        time.advance(1999);
        assertThat(first).isNotDone();
        time.advance(1);
        DeliveryProbe.Result result = first.join();
        assertThat(result.ready()).isFalse();
        assertThat(result.reason()).contains("did not come back", "2000 ms");

        hub.checkDelivery(2000);
        assertThat(broker.published).as("a new check publishes a new probe").hasSize(2);
    }

    @Test
    void aBrokerThatRefusesThePublishMakesTheProbeUnreadyAtOnce() {
        Broker failing = new SilentBroker() {
            @Override
            public CompletableFuture<Long> publish(TopicConfig topic, Publication publication) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }
        };
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).broker(failing).build();
        DeliveryProbe.Result result = hub.checkDelivery(2000).join();
        assertThat(result.ready()).isFalse();
        assertThat(result.reason()).contains("refused", "connection refused");
    }

    @Test
    void probesOfOtherNodesAreIgnored() {
        DeliveryProbe probe = new DeliveryProbe(new SilentBroker(), "node-a", time);
        CompletableFuture<DeliveryProbe.Result> mine = probe.check(1000);
        probe.onEvent(Event.accept(DeliveryProbe.TOPIC, 1, 0,
                Publication.of("probe", java.util.Map.of("probe_id", "someone-elses", "node", "node-b"))));
        assertThat(mine).isNotDone();
    }

    @Test
    void aClosedHubIsUnready() {
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).build();
        hub.close();
        assertThat(hub.checkDelivery(2000).join().ready()).isFalse();
    }

    @Test
    void theProbeTopicIsInvisibleToClientsAndReserved() throws Exception {
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).broker(new MemoryBroker(time)).build();
        RecordingSession session = new RecordingSession(new DirectLane());
        ConnectionInbound connection = hub.gateway().open(session, Identity.ANONYMOUS);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"" + DeliveryProbe.TOPIC + "\"}");
        hub.checkDelivery(1000).join();

        JsonNode connected = session.messages("connected").get(0);
        assertThat(connected.path("available_topics").toString()).doesNotContain(DeliveryProbe.TOPIC);
        JsonNode reply = session.messages("subscription").get(0);
        assertThat(reply.path("success").asBoolean()).isFalse();
        assertThat(session.messages()).noneMatch(m -> m.path("type").asText().equals("probe"));
        assertThat(hub.stats().topics()).noneMatch(t -> t.name().equals(DeliveryProbe.TOPIC));
        assertThat(hub.hasTopic(DeliveryProbe.TOPIC)).isFalse();
        assertThatThrownBy(() -> PublishRequests.parse(Json.mapper().readTree(
                "{\"topic\":\"" + DeliveryProbe.TOPIC + "\",\"type\":\"probe\"}"), hub.topics()))
                .isInstanceOf(PublishException.class).hasMessageContaining("Unknown topic");
        assertThatThrownBy(() -> HubEngine.builder().scheduler(time).topic(TopicConfig.builder(DeliveryProbe.TOPIC).build())
                .build()).hasMessageContaining("topics.hub_probe").hasMessageContaining("reserved");
    }
}
