package dev.realtimehub.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A storm of recovery reads on one topic reaches Redis as a few script runs, and every reader still gets exactly the
 * events it asked for: against a private redis-server, counting the script runs with Redis's own command statistics.
 */
class HistoryReadsTest {

    private static final TopicConfig FEED = TopicConfig.builder("feed").history(1000).build();
    private static final TopicConfig STATE = TopicConfig.builder("state").policy(DeliveryPolicy.CONFLATE)
            .conflateKey(List.of("key")).history(50).build();
    private static final int PUBLISHED = 300;
    private static final int READERS = 2000;

    private TestRedis redis;
    private RedisBroker broker;
    private RedisClient client;
    private StatefulRedisConnection<String, String> admin;

    @BeforeEach
    void start() throws Exception {
        redis = TestRedis.startPrivate(false);
        broker = new RedisBroker(RedisSettings.of(redis.uri()), List.of(FEED, STATE), Clock.system());
        broker.start(event -> { });
        client = RedisClient.create(redis.uri());
        admin = client.connect();
        for (int i = 1; i <= PUBLISHED; i++) {
            broker.publish(FEED, Publication.of("tick", Map.of("n", i))).join();
            broker.publish(STATE, Publication.of("set", Map.of("key", "k" + i % 20, "n", i))).join();
        }
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
        client.shutdown();
        broker.close();
        redis.close();
    }

    @Test
    void thousandsOfReadsAskedTogetherGoAsAFewAndEachGetsItsOwnEvents() {
        admin.sync().configResetstat();
        List<long[]> asked = new ArrayList<>();
        List<CompletableFuture<HistorySlice>> answers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            long since = (i * 7L) % (PUBLISHED + 20); // some past the head
            long upTo = i % 3 == 0 ? Long.MAX_VALUE : since + (i % 50);
            asked.add(new long[] {since, upTo});
            answers.add(broker.history(FEED, since, upTo));
        }
        for (int i = 0; i < READERS; i++) {
            long since = asked.get(i)[0];
            long to = Math.min(asked.get(i)[1], PUBLISHED);
            HistorySlice slice = answers.get(i).join();
            List<Long> expected = since >= to ? List.of() : LongStream.rangeClosed(since + 1, to).boxed().toList();
            assertThat(slice.events()).extracting(Event::seq).as("read %d: (%d, %d]", i, since, to)
                    .containsExactlyElementsOf(expected);
            assertThat(slice.complete()).isTrue();
            assertThat(slice.headSeq()).isEqualTo(PUBLISHED);
            assertThat(slice.epoch()).isEqualTo(broker.position("feed").epoch());
        }
        assertThat(scriptRuns()).as("script runs for %d reads", READERS).isPositive().isLessThan(READERS / 10);
    }

    @Test
    void aConflatedTopicsReadsJoinedStillGetTheLatestPerKeyAfterTheirOwnSeq() {
        List<CompletableFuture<HistorySlice>> answers = new ArrayList<>();
        for (int since = 0; since <= PUBLISHED; since += 10) {
            answers.add(broker.history(STATE, since, Long.MAX_VALUE));
        }
        for (int i = 0; i < answers.size(); i++) {
            long since = i * 10L;
            HistorySlice slice = answers.get(i).join();
            // the 20 keys' latest events are seqs 281..300; those after since
            List<Long> expected = LongStream.rangeClosed(Math.max(since, 280) + 1, PUBLISHED).boxed().toList();
            assertThat(slice.events()).extracting(Event::seq).as("since %d", since).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void readsAskedWhileRedisIsDownAllFailAndTheNextOnesAreAnsweredAgain() throws Exception {
        redis.kill();
        List<CompletableFuture<HistorySlice>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(broker.history(FEED, i, Long.MAX_VALUE));
        }
        for (CompletableFuture<HistorySlice> answer : answers) {
            assertThatThrownBy(answer::join).isInstanceOf(CompletionException.class);
        }
        redis.restart(); // no persistence: the topic is empty and under a new epoch once written again
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions() // until the broker has reconnected
                .until(() -> broker.publish(FEED, Publication.of("tick", Map.of("n", 1))).join() == 1);
        HistorySlice slice = broker.history(FEED, 0, Long.MAX_VALUE).join();
        assertThat(slice.events()).extracting(Event::seq).containsExactly(1L);
    }

    /** Script runs (EVAL and EVALSHA) since the last CONFIG RESETSTAT, from INFO commandstats. */
    private long scriptRuns() {
        long calls = 0;
        for (String line : admin.sync().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                String field = line.substring(line.indexOf("calls=") + 6);
                calls += Long.parseLong(field.substring(0, field.indexOf(',')));
            }
        }
        return calls;
    }
}
