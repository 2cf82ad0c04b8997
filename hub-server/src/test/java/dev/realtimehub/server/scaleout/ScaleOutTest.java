package dev.realtimehub.server.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Three hub nodes over the machine's Redis behave as one hub. */
class ScaleOutTest {

    private static final TopicConfig ORDERS = TopicConfig.builder("orders").history(5000).build();

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void everySubscriberOnEveryNodeGetsEveryEventOnceInOrderWithTheSameSeq() {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            List<RealtimeHub> nodes = List.of(cluster.start("a", ORDERS), cluster.start("b", ORDERS),
                    cluster.start("c", ORDERS));
            List<WsTestClient> clients = new ArrayList<>();
            for (RealtimeHub node : nodes) {
                for (int i = 0; i < 2; i++) {
                    WsTestClient client = WsTestClient.connected(node.webSocketUri());
                    client.subscribe("orders");
                    clients.add(client);
                }
            }
            for (int i = 0; i < 300; i++) {
                RealtimeHub node = nodes.get(i % 3);
                long seq = new HttpTestClient(node.httpUri()).publish("orders", "order", "\"n\":" + i);
                assertThat(seq).isEqualTo(i + 1);
            }
            for (WsTestClient client : clients) {
                await().atMost(Duration.ofSeconds(20)).until(() -> client.seqs("orders").size() >= 300);
                assertThat(client.seqs("orders")).containsExactlyElementsOf(range(1, 300));
                assertThat(client.events("orders")).extracting(e -> e.path("n").asLong() + 1)
                        .containsExactlyElementsOf(range(1, 300));
                client.close();
            }
            HttpTestClient.Reply stats = new HttpTestClient(nodes.get(0).httpUri()).get("/api/ws/stats");
            await().atMost(Duration.ofSeconds(10)).until(() -> new HttpTestClient(nodes.get(1).httpUri())
                    .get("/api/ws/stats").json().path("cluster").path("nodes").asInt() == 3);
            assertThat(stats.json().path("topics").path("orders").path("seq").asLong()).isEqualTo(300);
        }
    }

    @Test
    void aThrottledTopicBatchesOnEveryNodeAndLosesNothing() {
        TopicConfig logs = TopicConfig.builder("logs").policy(DeliveryPolicy.BATCH).batchMaxItems(7).history(5000).build();
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            RealtimeHub a = cluster.start("a", logs);
            RealtimeHub b = cluster.start("b", logs);
            WsTestClient onA = WsTestClient.connected(a.webSocketUri());
            WsTestClient onB = WsTestClient.connected(b.webSocketUri());
            onA.subscribe("logs");
            onB.subscribe("logs");
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 100; i++) {
                body.append(i == 0 ? "" : ",").append("{\"topic\":\"logs\",\"type\":\"log\",\"n\":").append(i).append("}");
            }
            new HttpTestClient(a.httpUri()).post("/api/publish", body + "]");
            for (WsTestClient client : List.of(onA, onB)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> client.seqs("logs").size() >= 100);
                assertThat(client.seqs("logs")).containsExactlyElementsOf(range(1, 100));
                assertThat(client.messages("batch")).isNotEmpty()
                        .allSatisfy(batch -> assertThat(batch.path("count").asInt()).isLessThanOrEqualTo(7));
                client.close();
            }
        }
    }

    @Test
    void aClientOfAStoppedNodeRecoversOnAnotherWithNoLoss() {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            RealtimeHub a = cluster.start("a", ORDERS);
            RealtimeHub b = cluster.start("b", ORDERS);
            RealtimeHub c = cluster.start("c", ORDERS);
            WsTestClient onA = WsTestClient.connected(a.webSocketUri());
            JsonNode reply = onA.subscribe("orders");
            HttpTestClient publisher = new HttpTestClient(b.httpUri());
            for (int i = 0; i < 20; i++) {
                publisher.publish("orders", "order", "\"n\":" + i);
            }
            await().until(() -> onA.seqs("orders").size() == 20);
            a.close();
            assertThat(onA.closeCode()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(1001);
            for (int i = 20; i < 50; i++) {
                publisher.publish("orders", "order", "\"n\":" + i);
            }
            long last = onA.seqs("orders").get(onA.seqs("orders").size() - 1);
            try (WsTestClient onC = WsTestClient.connected(c.webSocketUri())) {
                JsonNode recovered = onC.request("{\"action\":\"subscribe\",\"topic\":\"orders\",\"since\":" + last
                        + ",\"epoch\":\"" + reply.path("epoch").asText() + "\"}", "subscription", "orders");
                assertThat(recovered.path("recovered").asBoolean()).isTrue();
                assertThat(recovered.path("epoch").asText()).isEqualTo(reply.path("epoch").asText());
                publisher.publish("orders", "order", "\"n\":50");
                await().atMost(Duration.ofSeconds(10)).until(() -> onC.seqs("orders").contains(51L));
                List<Long> seen = new ArrayList<>(onA.seqs("orders"));
                seen.addAll(onC.seqs("orders"));
                assertThat(seen).containsExactlyElementsOf(range(1, 51));
            }
        }
    }

    @Test
    void aRetriedPublishWithTheSameIdIsAcceptedOnce() {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            RealtimeHub a = cluster.start("a", ORDERS);
            RealtimeHub b = cluster.start("b", ORDERS);
            WsTestClient client = WsTestClient.connected(b.webSocketUri());
            client.subscribe("orders");
            long first = new HttpTestClient(a.httpUri()).publish("orders", "order", "\"id\":\"o-1\",\"n\":1");
            long retried = new HttpTestClient(b.httpUri()).publish("orders", "order", "\"id\":\"o-1\",\"n\":1");
            long next = new HttpTestClient(a.httpUri()).publish("orders", "order", "\"id\":\"o-2\",\"n\":2");
            assertThat(retried).isEqualTo(first);
            assertThat(next).isEqualTo(first + 1);
            await().until(() -> client.seqs("orders").size() >= 2);
            assertThat(client.seqs("orders")).containsExactly(first, next);
            client.close();
        }
    }

    @Test
    void anyNodeServesTheSharedHistoryAndTheSameEpoch() {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            RealtimeHub a = cluster.start("a", ORDERS);
            for (int i = 0; i < 5; i++) {
                new HttpTestClient(a.httpUri()).publish("orders", "order", "\"n\":" + i);
            }
            RealtimeHub late = cluster.start("late", ORDERS);
            try (WsTestClient client = WsTestClient.connected(late.webSocketUri())) {
                JsonNode reply = client.request("{\"action\":\"subscribe\",\"topic\":\"orders\",\"since\":0}",
                        "subscription", "orders");
                assertThat(reply.path("recovered").asBoolean()).isTrue();
                assertThat(reply.path("seq").asLong()).as("a node joining later knows where the topic stands").isEqualTo(5);
                await().until(() -> client.seqs("orders").size() == 5);
                assertThat(client.seqs("orders")).containsExactlyElementsOf(range(1, 5));
            }
        }
    }
}
