package dev.realtimehub.server.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.redis.TestRedis;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a publisher and the clients see when Redis goes down and comes back (docs/GUIDE.md, "Guarantees"), each test on
 * a redis-server of its own that it kills with SIGKILL and restarts — never the shared one:
 * <ul>
 *   <li>while Redis is down every publish fails fast with 503 and {@code Retry-After}, and an event answered 503 is
 *       never delivered later;</li>
 *   <li>with the append-only file (fsynced on every write) seq and epoch continue after the restart;</li>
 *   <li>without persistence the epoch changes and every subscriber is told (1001, then {@code recovered:false});</li>
 *   <li>a Redis that comes back having lost writes the nodes saw (an append-only file fsynced once a second, an old
 *       snapshot) starts a new epoch rather than handing out those seqs again.</li>
 * </ul>
 */
class RedisOutageTest {

    private static final String TOPIC = "orders";
    private static final TopicConfig ORDERS = TopicConfig.builder(TOPIC).history(1000).build();

    @Test
    void aPublishRefusedWhileRedisIsDownIsNeverDeliveredAndSeqsContinueWithTheAppendOnlyFile() throws Exception {
        try (TestRedis redis = TestRedis.startPrivate(true); Cluster cluster = new Cluster(redis.uri())) {
            RealtimeHub a = cluster.start("a", ORDERS);
            RealtimeHub b = cluster.start("b", ORDERS);
            List<HttpTestClient> publishers = List.of(new HttpTestClient(a.httpUri()), new HttpTestClient(b.httpUri()));
            WsTestClient onA = WsTestClient.connected(a.webSocketUri());
            WsTestClient onB = WsTestClient.connected(b.webSocketUri());
            String epoch = onA.subscribe(TOPIC).path("epoch").asText();
            onB.subscribe(TOPIC);
            List<Long> acknowledged = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                acknowledged.add(publishers.get(i % 2).publish(TOPIC, "order", "\"phase\":\"before\",\"n\":" + i));
            }

            redis.kill();
            for (int i = 0; i < 6; i++) {
                HttpTestClient.Reply refused = publishers.get(i % 2).post("/api/publish",
                        "{\"topic\":\"orders\",\"type\":\"order\",\"phase\":\"down\",\"n\":" + i + "}");
                // 503, or 504 for one sent on a connection not yet known to be dead (the hub cannot tell it from one
                // Redis ran before it went): either way, nothing published while Redis was dead is ever delivered
                assertThat(refused.status()).as("a publish while Redis is down: %s", refused.body()).isIn(503, 504);
                assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.json().path("error").asText()).isNotBlank();
            }
            redis.restart();
            for (HttpTestClient publisher : publishers) {
                await().atMost(Duration.ofSeconds(30)).until(() -> publisher.get("/health/ready").status() == 200);
            }
            for (int i = 0; i < 6; i++) {
                acknowledged.add(publishers.get(i % 2).publish(TOPIC, "order", "\"phase\":\"after\",\"n\":" + i));
            }

            assertThat(acknowledged).as("seqs continue across the restart, none twice")
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
            for (WsTestClient client : List.of(onA, onB)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> client.seqs(TOPIC).size() >= acknowledged.size());
                assertThat(client.seqs(TOPIC)).as("every acknowledged event once, in order").isEqualTo(acknowledged);
                assertThat(client.events(TOPIC)).as("no event refused with 503 arrives")
                        .noneMatch(e -> "down".equals(e.path("phase").asText()));
                assertThat(client.isClosed()).as("no subscriber was disconnected").isFalse();
                client.close();
            }
            try (WsTestClient late = WsTestClient.connected(b.webSocketUri())) {
                JsonNode reply = late.request("{\"action\":\"subscribe\",\"topic\":\"orders\",\"since\":6,\"epoch\":\""
                        + epoch + "\"}", "subscription", TOPIC);
                assertThat(reply.path("epoch").asText()).as("the epoch continues").isEqualTo(epoch);
                assertThat(reply.path("recovered").asBoolean()).as("recovery across the restart").isTrue();
            }
        }
    }

    @Test
    void withoutPersistenceARestartStartsANewEpochAndSubscribersAreTold() throws Exception {
        try (TestRedis redis = TestRedis.startPrivate(false); Cluster cluster = new Cluster(redis.uri())) {
            RealtimeHub a = cluster.start("a", ORDERS);
            HttpTestClient publisher = new HttpTestClient(a.httpUri());
            WsTestClient subscriber = WsTestClient.connected(a.webSocketUri());
            String epoch = subscriber.subscribe(TOPIC).path("epoch").asText();
            for (int i = 1; i <= 3; i++) {
                assertThat(publisher.publish(TOPIC, "order", "\"n\":" + i)).isEqualTo(i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.seqs(TOPIC).size() == 3);

            redis.kill();
            redis.restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.get("/health/ready").status() == 200);
            assertThat(publisher.publish(TOPIC, "order", "\"n\":4")).as("the first seq of the new epoch").isEqualTo(1);

            assertThat(subscriber.closeCode().get()).as("the subscriber is told: reconnect and recover").isEqualTo(1001);
            assertThat(subscriber.seqs(TOPIC)).as("no seq of the new epoch reached it as if it were the old one")
                    .containsExactly(1L, 2L, 3L);
            assertRecoveryFails(a, epoch, 3);
        }
    }

    @Test
    void aRedisThatLostAcknowledgedWritesStartsANewEpochInsteadOfReusingTheirSeqs() throws Exception {
        try (TestRedis redis = TestRedis.startPrivate(true); Cluster cluster = new Cluster(redis.uri())) {
            RealtimeHub a = cluster.start("a", ORDERS);
            RealtimeHub b = cluster.start("b", ORDERS);
            WsTestClient onB = WsTestClient.connected(b.webSocketUri());
            String epoch = onB.subscribe(TOPIC).path("epoch").asText();
            HttpTestClient publisher = new HttpTestClient(a.httpUri());
            for (int i = 1; i <= 5; i++) {
                assertThat(publisher.publish(TOPIC, "order", "\"n\":" + i)).isEqualTo(i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> onB.seqs(TOPIC).size() == 5);

            // what a restart from an append-only file fsynced once a second may leave: seqs 3..5 forgotten
            redis.set(cluster.prefix() + "{" + TOPIC + "}:seq", "2");
            long seq = publisher.publish(TOPIC, "order", "\"n\":6");

            assertThat(seq).as("a new epoch's first seq, not seq 3 again").isEqualTo(1);
            assertThat(onB.closeCode().get()).as("the subscriber on the other node is told").isEqualTo(1001);
            assertThat(onB.seqs(TOPIC)).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertRecoveryFails(b, epoch, 5);
        }
    }

    /** A client that resubscribes with the old epoch learns that it cannot recover, then gets the new events. */
    private static void assertRecoveryFails(RealtimeHub hub, String oldEpoch, long since) {
        try (WsTestClient resubscriber = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode reply = resubscriber.request("{\"action\":\"subscribe\",\"topic\":\"orders\",\"since\":" + since
                    + ",\"epoch\":\"" + oldEpoch + "\"}", "subscription", TOPIC);
            assertThat(reply.path("success").asBoolean()).isTrue();
            assertThat(reply.path("epoch").asText()).as("a new epoch").isNotEqualTo(oldEpoch);
            assertThat(reply.path("recovered").asBoolean()).as("recovered:false").isFalse();
        }
    }
}
