package dev.realtimehub.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.spi.BrokerListener;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seqs pass through the Lua scripts exactly however large they are: a Lua number is a double, and one written with
 * {@code ..} turns into {@code 1e+15} from 10^14 on, which Redis refuses as a stream ID.
 */
class RedisLargeSeqTest {

    private static final TopicConfig FEED = TopicConfig.builder("feed").history(5).build();
    private static final TopicConfig STATE = TopicConfig.builder("state").policy(DeliveryPolicy.CONFLATE)
            .conflateKey(List.of("key")).history(3).build();

    private final TestRedis redis = TestRedis.shared();
    private final String prefix = TestRedis.uniquePrefix();
    private final List<Event> received = new CopyOnWriteArrayList<>();
    private RedisBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
        redis.deleteKeys(prefix);
    }

    /** Makes {@code topic} stand at {@code seq} in epoch {@code e1}, as a long-lived Redis would, then starts a node. */
    private void startAt(TopicConfig topic, long seq) {
        RedisKeys keys = RedisKeys.of(prefix, topic.name());
        try (RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set(keys.epoch(), "e1");
            connection.sync().set(keys.seq(), String.valueOf(seq));
        }
        broker = new RedisBroker(RedisSettings.of(redis.uri()).withKeyPrefix(prefix), List.of(FEED, STATE),
                Clock.system());
        broker.start(new BrokerListener() {
            @Override
            public void onEvent(Event event) {
                received.add(event);
            }
        });
    }

    private long publish(TopicConfig topic, String key) {
        return broker.publish(topic, Publication.builder("event").field("key", key).build()).join();
    }

    private List<Long> receivedSeqs(String topic) {
        return received.stream().filter(e -> e.topic().equals(topic)).map(Event::seq).toList();
    }

    @Test
    void aStreamTopicNearLongMaxValueKeepsExactSeqsInPositionPublishDeliveryAndHistory() {
        long start = Long.MAX_VALUE - 10;
        startAt(FEED, start);
        assertThat(broker.position("feed").seq()).isEqualTo(start);

        assertThat(publish(FEED, "a")).isEqualTo(start + 1);
        assertThat(publish(FEED, "b")).isEqualTo(start + 2);

        await().atMost(Duration.ofSeconds(10)).until(() -> receivedSeqs("feed").size() == 2);
        assertThat(receivedSeqs("feed")).containsExactly(start + 1, start + 2);
        HistorySlice all = broker.history(FEED, start, Long.MAX_VALUE).join();
        assertThat(all.events()).extracting(Event::seq).containsExactly(start + 1, start + 2);
        assertThat(all.complete()).isTrue();
        assertThat(all.headSeq()).isEqualTo(start + 2);
        assertThat(broker.history(FEED, start + 1, start + 2).join().events()).extracting(Event::seq)
                .containsExactly(start + 2);
        assertThat(broker.history(FEED, start + 2, Long.MAX_VALUE).join().events()).isEmpty();
    }

    @Test
    void aConflateTopicBeyondTenToTheFourteenthKeepsExactSeqsAndKnowsWhatItEvicted() {
        long start = 1_000_000_000_000_000L; // 10^15: below 2^53, where the order set's double scores stay exact
        startAt(STATE, start);

        for (String key : List.of("a", "b", "c", "d")) {
            publish(STATE, key); // history 3: a (start + 1) is evicted
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> receivedSeqs("state").size() == 4);
        assertThat(receivedSeqs("state")).containsExactly(start + 1, start + 2, start + 3, start + 4);
        HistorySlice state = broker.history(STATE, start + 1, Long.MAX_VALUE).join();
        assertThat(state.events()).extracting(Event::seq).containsExactly(start + 2, start + 3, start + 4);
        assertThat(state.complete()).isTrue();
        assertThat(broker.history(STATE, start, Long.MAX_VALUE).join().complete()).as("start + 1 was evicted").isFalse();
    }
}
