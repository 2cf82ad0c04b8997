package dev.realtimehub.core.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.internal.FieldValues;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.BrokerListener;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Broker} must do, run against each implementation (memory here, Redis in hub-redis): seq order,
 * delivery, history and its completeness, conflation, idempotency, concurrency.
 */
public abstract class BrokerContractTest {

    protected static final TopicConfig FEED = TopicConfig.builder("feed").history(5).build();
    protected static final TopicConfig STATE = TopicConfig.builder("state").policy(DeliveryPolicy.CONFLATE)
            .conflateKey(List.of("key")).history(3).build();
    protected static final TopicConfig OTHER = TopicConfig.builder("other").build();

    private final List<Event> received = new CopyOnWriteArrayList<>();
    private Broker broker;

    /** A fresh broker serving {@code topics}, isolated from every other test's data. */
    protected abstract Broker newBroker(Collection<TopicConfig> topics, Clock clock);

    /** Removes whatever the test left behind (keys in a shared Redis). */
    protected void cleanUp() {
    }

    @BeforeEach
    void startBroker() {
        broker = newBroker(List.of(FEED, STATE, OTHER), Clock.system());
        broker.start(new BrokerListener() {
            @Override
            public void onEvent(Event event) {
                received.add(event);
            }
        });
    }

    @AfterEach
    void stopBroker() {
        broker.close();
        cleanUp();
    }

    private long publish(TopicConfig topic, Map<String, ?> fields) {
        return broker.publish(topic, Publication.of("event", fields)).join();
    }

    private List<Long> receivedSeqs(String topic) {
        return received.stream().filter(e -> e.topic().equals(topic)).map(Event::seq).toList();
    }

    @Test
    void seqsStartAtOneAndIncreasePerTopic() {
        assertThat(publish(FEED, Map.of("n", 1))).isEqualTo(1);
        assertThat(publish(FEED, Map.of("n", 2))).isEqualTo(2);
        assertThat(publish(OTHER, Map.of("n", 1))).isEqualTo(1);
        assertThat(broker.position("feed").seq()).isEqualTo(2);
        assertThat(broker.position("feed").epoch()).isNotBlank().isEqualTo(broker.position("feed").epoch());
    }

    @Test
    void everyAcceptedEventReachesTheListenerInOrderWithItsFieldsAndThrottle() {
        broker.publish(FEED, Publication.builder("log").field("user_id", "alice").field("text", "hi")
                .throttle(true).build()).join();
        broker.publish(FEED, Publication.builder("log").field("text", "there").throttle(false).build()).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> receivedSeqs("feed").size() == 2);
        Event first = received.get(0);
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.type()).isEqualTo("log");
        assertThat(first.userId()).isEqualTo("alice");
        assertThat(first.throttle()).isTrue();
        assertThat(received.get(1).throttle()).isFalse();
        assertThat(new String(first.frame().json())).startsWith("{\"type\":\"log\",\"topic\":\"feed\",\"seq\":1,");
    }

    @Test
    void historyReturnsTheRangeInOrderAndKnowsWhatItEvicted() {
        for (int i = 1; i <= 8; i++) {
            publish(FEED, Map.of("n", i)); // history 5 keeps 4..8
        }
        HistorySlice recent = broker.history(FEED, 3, 8).join();
        assertThat(recent.events()).extracting(Event::seq).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(recent.complete()).isTrue();
        assertThat(recent.headSeq()).isEqualTo(8);
        assertThat(recent.epoch()).isEqualTo(broker.position("feed").epoch());
        assertThat(broker.history(FEED, 5, 7).join().events()).extracting(Event::seq).containsExactly(6L, 7L);
        assertThat(broker.history(FEED, 2, 8).join().complete()).as("seq 3 was evicted").isFalse();
        assertThat(broker.history(FEED, 8, 8).join().complete()).isTrue();
        assertThat(broker.history(FEED, 8, 8).join().events()).isEmpty();
    }

    @Test
    void historyUpToLongMaxValueReadsEverythingUpToTheHead() {
        for (int i = 1; i <= 3; i++) {
            publish(FEED, Map.of("n", i));
        }
        publish(STATE, Map.of("key", "a"));
        publish(STATE, Map.of("key", "b"));

        HistorySlice feed = broker.history(FEED, 0, Long.MAX_VALUE).join();
        HistorySlice state = broker.history(STATE, 0, Long.MAX_VALUE).join();

        assertThat(feed.events()).extracting(Event::seq).containsExactly(1L, 2L, 3L);
        assertThat(feed.complete()).isTrue();
        assertThat(feed.headSeq()).isEqualTo(3);
        assertThat(broker.history(FEED, 1, Long.MAX_VALUE).join().events()).extracting(Event::seq).containsExactly(2L, 3L);
        assertThat(state.events()).extracting(Event::seq).containsExactly(1L, 2L);
        assertThat(state.complete()).isTrue();
    }

    @Test
    void anEmptyTopicHasACompleteEmptyHistory() {
        HistorySlice slice = broker.history(OTHER, 0, 0).join();
        assertThat(slice.events()).isEmpty();
        assertThat(slice.complete()).isTrue();
        assertThat(slice.headSeq()).isZero();
    }

    @Test
    void aConflateTopicKeepsTheLatestPerKeyInSeqOrder() {
        publish(STATE, Map.of("key", "a", "v", 1));
        publish(STATE, Map.of("key", "b", "v", 1));
        publish(STATE, Map.of("key", "a", "v", 2));
        HistorySlice slice = broker.history(STATE, 0, 3).join();
        assertThat(slice.events()).extracting(e -> FieldValues.text(e.fields().get("key")) + "@" + e.seq()).containsExactly("b@2", "a@3");
        assertThat(slice.complete()).isTrue();
        assertThat(broker.history(STATE, 2, 3).join().events()).extracting(Event::seq).containsExactly(3L);
        publish(STATE, Map.of("key", "c", "v", 1));
        publish(STATE, Map.of("key", "d", "v", 1)); // history 3: b (seq 2) is evicted
        assertThat(broker.history(STATE, 0, 5).join().complete()).isFalse();
        assertThat(broker.history(STATE, 2, 5).join().complete()).isTrue();
        assertThat(broker.history(STATE, 2, 5).join().events()).extracting(Event::seq).containsExactly(3L, 4L, 5L);
        await().atMost(Duration.ofSeconds(10)).until(() -> receivedSeqs("state").size() == 5);
        assertThat(receivedSeqs("state")).as("conflation is the hub's job: the broker delivers every event")
                .containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aRepeatedIdAnswersTheOriginalSeqAndIsNotDeliveredAgain() {
        long first = publish(FEED, Map.of("id", "order-17", "n", 1));
        publish(FEED, Map.of("n", 2));
        long again = publish(FEED, Map.of("id", "order-17", "n", 1));
        assertThat(again).isEqualTo(first);
        assertThat(publish(FEED, Map.of("id", "order-18"))).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> receivedSeqs("feed").size() == 3);
        assertThat(receivedSeqs("feed")).containsExactly(1L, 2L, 3L);
        assertThat(publish(OTHER, Map.of("id", "order-17"))).as("ids are per topic").isEqualTo(1);
    }

    @Test
    void concurrentPublishersGetUniqueSeqsDeliveredInOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Long>> seqs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = i;
            seqs.add(CompletableFuture.supplyAsync(() -> publish(OTHER, Map.of("n", n)), pool));
        }
        List<Long> assigned = seqs.stream().map(CompletableFuture::join).sorted().toList();
        pool.shutdown();
        List<Long> expected = LongStream.rangeClosed(1, 400).boxed().toList();
        assertThat(assigned).containsExactlyElementsOf(expected);
        await().atMost(Duration.ofSeconds(10)).until(() -> receivedSeqs("other").size() == 400);
        assertThat(receivedSeqs("other")).containsExactlyElementsOf(expected);
    }
}
