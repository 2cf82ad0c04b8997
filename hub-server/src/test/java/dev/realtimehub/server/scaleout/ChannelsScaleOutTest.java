package dev.realtimehub.server.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.WsTestClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Channels and filters over two nodes on the machine's Redis (a key prefix of their own) behave as on one. */
class ChannelsScaleOutTest {

    private static final TopicConfig JOB = TopicConfig.builder("job").channels(true).history(100).build();
    /** Channels dropped after a second without use, on nodes whose channels' keys expire a second after it. */
    private static final TopicConfig INBOX = TopicConfig.builder("inbox").channels(true).channelIdleMs(1000).build();
    private static final TopicConfig ALERTS = TopicConfig.builder("alerts").build();

    @Test
    void aChannelHasOneSeqAcrossNodesAndSubscribersOnBothGetEveryEventOnceInOrder() {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            RealtimeHub a = cluster.start("a", JOB);
            RealtimeHub b = cluster.start("b", JOB);
            try (WsTestClient onA = WsTestClient.connected(a.webSocketUri());
                 WsTestClient onB = WsTestClient.connected(b.webSocketUri());
                 WsTestClient otherChannel = WsTestClient.connected(b.webSocketUri())) {
                JsonNode replyA = onA.subscribe("job:42");
                JsonNode replyB = onB.subscribe("job:42");
                otherChannel.subscribe("job:7");
                assertThat(replyA.path("epoch").asText()).isNotEmpty().isEqualTo(replyB.path("epoch").asText());

                for (int i = 0; i < 40; i++) {
                    RealtimeHub node = i % 2 == 0 ? a : b;
                    long seq = new HttpTestClient(node.httpUri()).publish("job:42", "step", "\"n\":" + i);
                    assertThat(seq).isEqualTo(i + 1);
                }
                assertThat(new HttpTestClient(a.httpUri()).publish("job:7", "step", "\"n\":99")).isEqualTo(1);
                for (WsTestClient client : new WsTestClient[] {onA, onB}) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> client.seqs("job:42").size() >= 40);
                    assertThat(client.seqs("job:42")).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed()
                            .toList());
                }
                otherChannel.awaitMessage(m -> m.path("n").asInt() == 99);
                assertThat(otherChannel.seqs("job:7")).containsExactly(1L);
                assertThat(otherChannel.seqs("job:42")).isEmpty();
            }
        }
    }

    @Test
    void aChannelPublishedOnOneNodeIsRecoveredOnTheOtherWithItsSeqAndEpoch() {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            RealtimeHub a = cluster.start("a", JOB);
            RealtimeHub b = cluster.start("b", JOB);
            HttpTestClient httpA = new HttpTestClient(a.httpUri());
            for (int i = 1; i <= 5; i++) {
                httpA.publish("job:1", "step", "\"n\":" + i);
            }
            try (WsTestClient first = WsTestClient.connected(b.webSocketUri())) {
                JsonNode reply = first.subscribe("job:1");
                assertThat(reply.path("seq").asLong()).as("the channel's real head, on a node that never saw it")
                        .isEqualTo(5);
                String epoch = reply.path("epoch").asText();
                assertThat(epoch).isEqualTo(a.engine().position("job:1").epoch());

                try (WsTestClient returning = WsTestClient.connected(b.webSocketUri())) {
                    JsonNode recovered = returning.request("{\"action\":\"subscribe\",\"topic\":\"job:1\",\"since\":2,"
                            + "\"epoch\":\"" + epoch + "\"}", "subscription", "job:1");
                    assertThat(recovered.path("recovered").asBoolean()).isTrue();
                    httpA.publish("job:1", "step", "\"n\":6");
                    returning.awaitMessage(m -> m.path("n").asInt() == 6);
                    assertThat(returning.seqs("job:1")).containsExactly(3L, 4L, 5L, 6L);
                }
                first.awaitMessage(m -> m.path("n").asInt() == 6);
                assertThat(first.seqs("job:1")).containsExactly(6L);
            }
        }
    }

    @Test
    void filteredRecoveryAcrossNodesReplaysOnlyMatchingEvents() {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            RealtimeHub a = cluster.start("a", JOB);
            RealtimeHub b = cluster.start("b", JOB);
            HttpTestClient httpA = new HttpTestClient(a.httpUri());
            String[] levels = {"INFO", "ERROR", "INFO", "ERROR", "DEBUG"};
            for (String level : levels) {
                httpA.publish("job:9", "log", "\"level\":\"" + level + "\"");
            }
            String epoch = a.engine().position("job:9").epoch();
            try (WsTestClient errors = WsTestClient.connected(b.webSocketUri())) {
                JsonNode reply = errors.request("{\"action\":\"subscribe\",\"topic\":\"job:9\",\"since\":0,\"epoch\":\""
                        + epoch + "\",\"filter\":{\"level\":[\"ERROR\"]}}", "subscription", "job:9");
                assertThat(reply.path("recovered").asBoolean()).isTrue();
                httpA.publish("job:9", "log", "\"level\":\"INFO\"");
                httpA.publish("job:9", "log", "\"level\":\"ERROR\",\"last\":true");
                errors.awaitMessage(m -> m.path("last").asBoolean());
                assertThat(errors.seqs("job:9")).containsExactly(2L, 4L, 7L);
            }
        }
    }

    @Test
    void aChannelWhoseKeysExpiredInRedisComesBackUnderANewEpochAndARecoveringClientIsToldSo() {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS);
             RedisClient redisClient = RedisClient.create(Cluster.SHARED_REDIS);
             StatefulRedisConnection<String, String> connection = redisClient.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            RealtimeHub a = cluster.start("a", settings -> settings.redisChannelTtlMs(1000), INBOX, ALERTS);
            RealtimeHub b = cluster.start("b", settings -> settings.redisChannelTtlMs(1000), INBOX, ALERTS);
            HttpTestClient httpB = new HttpTestClient(b.httpUri());
            String channelKeys = cluster.prefix() + "{inbox:alice}:";
            String topicKeys = cluster.prefix() + "{alerts}:";
            String oldEpoch;
            try (WsTestClient alice = WsTestClient.connected(a.webSocketUri())) {
                oldEpoch = alice.subscribe("inbox:alice").path("epoch").asText();
                for (int i = 1; i <= 3; i++) {
                    assertThat(httpB.publish("inbox:alice", "note", "\"n\":" + i)).isEqualTo(i);
                }
                httpB.publish("alerts", "note", "\"n\":1");
                alice.awaitMessage(m -> m.path("n").asInt() == 3);
                assertThat(redis.pttl(channelKeys + "seq")).as("a channel's keys expire").isPositive();
                assertThat(redis.pttl(channelKeys + "epoch")).isPositive();
                assertThat(redis.pttl(topicKeys + "seq")).as("a plain topic's keys never do").isEqualTo(-1);
                assertThat(redis.pttl(topicKeys + "epoch")).isEqualTo(-1);
            }

            // both nodes drop the idle channel, nobody refreshes its keys, and they expire
            await().atMost(Duration.ofSeconds(30)).until(() -> redis.exists(channelKeys + "seq", channelKeys + "epoch",
                    channelKeys + "history") == 0);
            assertThat(redis.exists(topicKeys + "seq", topicKeys + "epoch")).isEqualTo(2);

            try (WsTestClient returning = WsTestClient.connected(b.webSocketUri())) {
                JsonNode reply = returning.request("{\"action\":\"subscribe\",\"topic\":\"inbox:alice\",\"since\":3,"
                        + "\"epoch\":\"" + oldEpoch + "\"}", "subscription", "inbox:alice");
                assertThat(reply.path("recovered").asBoolean()).as("its history is gone: told, not continued")
                        .isFalse();
                assertThat(reply.path("epoch").asText()).isNotEmpty().isNotEqualTo(oldEpoch);
                assertThat(reply.path("seq").asLong()).isZero();
                assertThat(httpB.publish("inbox:alice", "note", "\"n\":4")).as("seqs start afresh").isEqualTo(1);
                returning.awaitMessage(m -> m.path("n").asInt() == 4);
                assertThat(returning.seqs("inbox:alice")).containsExactly(1L);
            }
        }
    }
}
