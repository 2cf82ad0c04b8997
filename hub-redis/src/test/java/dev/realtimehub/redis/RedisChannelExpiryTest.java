package dev.realtimehub.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Channels' keys expire in Redis once no node uses them ({@code redis.channel-ttl-ms}), all together, and a channel
 * that comes back after that starts under a new epoch; plain topics' keys never expire. Against the Redis on
 * 127.0.0.1:6379 under a key prefix of its own.
 */
class RedisChannelExpiryTest {

    private static final TopicConfig FEED = TopicConfig.builder("feed").build();
    private static final TopicConfig JOB = TopicConfig.builder("job").channels(true).history(10).build();
    private static final TopicConfig STATE = TopicConfig.builder("state").channels(true)
            .policy(DeliveryPolicy.CONFLATE).conflateKey(List.of("key")).history(2).build();
    private static final long HOUR_MS = 3_600_000;

    private final TestRedis redis = TestRedis.shared();
    private final String prefix = TestRedis.uniquePrefix();
    private final RedisClient client = RedisClient.create(redis.uri());
    private final StatefulRedisConnection<String, String> connection = client.connect();
    private final RedisCommands<String, String> sync = connection.sync();
    private RedisBroker broker;
    private RedisBroker otherNode;

    @AfterEach
    void stop() {
        for (RedisBroker node : new RedisBroker[] {broker, otherNode}) {
            if (node != null) {
                node.close();
            }
        }
        connection.close();
        client.shutdown();
        redis.deleteKeys(prefix);
    }

    private void start(long channelTtlMs) {
        broker = node(channelTtlMs);
    }

    private RedisBroker node(long channelTtlMs) {
        RedisBroker node = new RedisBroker(RedisSettings.of(redis.uri()).withKeyPrefix(prefix)
                .withChannelTtlMs(channelTtlMs), List.of(FEED, JOB, STATE), Clock.system());
        node.start(event -> { });
        return node;
    }

    private long publish(TopicConfig topic, String id, Map<String, Object> fields) {
        Publication.Builder publication = Publication.builder("step").fields(fields);
        if (id != null) {
            publication.field("id", id); // the idempotency id
        }
        return broker.publish(topic, publication.build()).join();
    }

    private RedisKeys keys(String topic) {
        return RedisKeys.of(prefix, topic);
    }

    @Test
    void aChannelsKeysCarryOneTimeToLiveWhileAPlainTopicsKeysHaveNone() {
        start(HOUR_MS);
        broker.open("job:1").join();
        publish(JOB.forChannel("job:1"), "first", Map.of("n", 1));
        publish(FEED, "first", Map.of("n", 1));

        RedisKeys channel = keys("job:1");
        for (String key : List.of(channel.seq(), channel.epoch(), channel.history())) {
            assertThat(sync.pttl(key)).as(key).isPositive().isLessThanOrEqualTo(HOUR_MS);
        }
        // set in one script: one deadline for all (Redis 7 freezes the clock while a script runs)
        assertThat(sync.pexpiretime(channel.seq())).isEqualTo(sync.pexpiretime(channel.epoch()))
                .isEqualTo(sync.pexpiretime(channel.history()));
        assertThat(sync.pttl(channel.idPrefix() + "first")).as("the id marker never outlives the keys")
                .isPositive().isLessThanOrEqualTo(sync.pttl(channel.epoch()));

        RedisKeys topic = keys("feed");
        for (String key : List.of(topic.seq(), topic.epoch(), topic.history())) {
            assertThat(sync.exists(key)).as(key).isEqualTo(1);
            assertThat(sync.pttl(key)).as(key + " never expires").isEqualTo(-1);
        }
    }

    @Test
    void aConflatedChannelsStateKeysExpireTogetherToo() {
        start(HOUR_MS);
        TopicConfig state = STATE.forChannel("state:1");
        broker.open("state:1").join();
        for (int i = 0; i < 4; i++) { // past history 2: the order set evicts, the evicted seq is written (SET)
            publish(state, null, Map.of("key", "k" + i));
        }
        RedisKeys channel = keys("state:1");
        long deadline = sync.pexpiretime(channel.epoch());
        assertThat(deadline).isPositive();
        for (String key : List.of(channel.seq(), channel.history(), channel.order(), channel.evicted())) {
            assertThat(sync.pexpiretime(key)).as(key).isEqualTo(deadline);
        }
    }

    @Test
    void aPublishASubscribeAndAHistoryReadEachSetTheTimeToLiveAgain() {
        start(HOUR_MS);
        TopicConfig job = JOB.forChannel("job:2");
        broker.open("job:2").join();
        publish(job, null, Map.of("n", 1));
        RedisKeys channel = keys("job:2");
        List<String> all = List.of(channel.seq(), channel.epoch(), channel.history());

        shorten(all);
        publish(job, null, Map.of("n", 2));
        assertRefreshed(all);

        // another node: the subscribe that opens the channel there reads its position
        otherNode = node(HOUR_MS);
        shorten(all);
        otherNode.open("job:2").join();
        assertRefreshed(all);

        // a recovery read on a node that no longer holds the channel
        otherNode.unsubscribe("job:2");
        shorten(all);
        HistorySlice slice = otherNode.history(job, 0, -1).join();
        assertThat(slice.events()).hasSize(2);
        assertRefreshed(all);
    }

    private void shorten(List<String> keys) {
        keys.forEach(key -> sync.pexpire(key, 60_000));
    }

    private void assertRefreshed(List<String> keys) {
        for (String key : keys) {
            assertThat(sync.pttl(key)).as(key).isGreaterThan(60_000);
        }
    }

    @Test
    void aNodeRefreshesTheKeysOfEveryChannelItHoldsAndNotOfOnesItDropped() {
        start(3_000); // refreshed every second
        broker.open("job:3").join();
        publish(JOB.forChannel("job:3"), null, Map.of("n", 1));
        RedisKeys channel = keys("job:3");

        sync.persist(channel.epoch());
        sync.persist(channel.seq());
        await().atMost(Duration.ofSeconds(20)).until(() -> sync.pttl(channel.epoch()) > 0 && sync.pttl(channel.seq()) > 0);

        broker.unsubscribe("job:3"); // the node dropped it: nobody refreshes it any more
        await().atMost(Duration.ofSeconds(20)).until(() -> sync.exists(channel.seq(), channel.epoch(),
                channel.history()) == 0);
    }

    @Test
    void aChannelWhoseKeysExpiredComesBackUnderANewEpochWithFreshSeqs() {
        start(1_000);
        TopicConfig job = JOB.forChannel("job:4");
        broker.open("job:4").join();
        for (int i = 1; i <= 3; i++) {
            publish(job, "id-" + i, Map.of("n", i));
        }
        String oldEpoch = broker.position("job:4").epoch();
        assertThat(oldEpoch).isNotEmpty();

        broker.unsubscribe("job:4");
        RedisKeys channel = keys("job:4");
        await().atMost(Duration.ofSeconds(20)).until(() -> sync.exists(channel.seq(), channel.epoch(),
                channel.history(), channel.idPrefix() + "id-3") == 0);

        HistorySlice gone = broker.history(job, 1, -1).join();
        assertThat(gone.events()).isEmpty();
        assertThat(gone.epoch()).as("no epoch until the channel is used again").isNull();

        broker.open("job:4").join();
        String newEpoch = broker.position("job:4").epoch();
        assertThat(newEpoch).isNotEmpty().isNotEqualTo(oldEpoch);
        assertThat(publish(job, "id-3", Map.of("n", 3))).as("a fresh seq, not the old id's").isEqualTo(1);
        assertThat(sync.get(channel.epoch())).isEqualTo(newEpoch);
    }
}
