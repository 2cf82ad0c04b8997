package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeliveryEndToEndTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s
            .topic(TopicConfig.builder("orders").history(10_000).build())
            .topic(TopicConfig.builder("logs").policy(DeliveryPolicy.BATCH).history(10_000).build()));

    private RealtimeHub hub;
    private HttpTestClient http;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
        http = new HttpTestClient(hub.httpUri());
    }

    @Test
    void aBatchTopicDeliversEveryItemInFramesOfAtMostTen() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("logs");
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 95; i++) {
                body.append(i == 0 ? "" : ",").append("{\"topic\":\"logs\",\"type\":\"log\",\"message\":\"m").append(i).append("\"}");
            }
            assertThat(http.post("/api/publish", body.append("]").toString()).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.seqs("logs").size() == 95);
            assertThat(client.seqs("logs")).containsExactlyElementsOf(LongStream.rangeClosed(1, 95).boxed().toList());
            List<JsonNode> batches = client.messages("batch");
            assertThat(batches).isNotEmpty().allSatisfy(b -> {
                assertThat(b.path("count").asInt()).isBetween(1, 10).isEqualTo(b.path("items").size());
                assertThat(b.path("topic").asText()).isEqualTo("logs");
            });
            assertThat(client.messages("log").get(0).path("seq").asLong()).as("the first goes out at once").isEqualTo(1);
            assertThat(hub.engine().stats().messagesMerged()).isEqualTo(94);
        }
    }

    @Test
    void throttleFalseOverridesTheBatchPolicy() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("logs");
            http.post("/api/publish", "[{\"topic\":\"logs\",\"type\":\"log\"},{\"topic\":\"logs\",\"type\":\"log\"},"
                    + "{\"topic\":\"logs\",\"type\":\"log\",\"throttle\":false}]");
            await().until(() -> client.seqs("logs").size() == 3);
            assertThat(client.seqs("logs")).containsExactly(1L, 2L, 3L);
            assertThat(client.messages("log")).extracting(m -> m.path("seq").asLong()).contains(3L);
        }
    }

    @Test
    void aConflateTopicSendsTheLatestPerKey() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("tasks");
            StringBuilder body = new StringBuilder("[");
            for (int p = 0; p <= 100; p += 10) {
                body.append(p == 0 ? "" : ",").append("{\"topic\":\"tasks\",\"type\":\"task_update\",\"task_id\":\"t1\",\"progress\":")
                        .append(p).append("}");
            }
            http.post("/api/publish", body.append("]").toString());
            await().until(() -> client.events("tasks").stream().anyMatch(e -> e.path("progress").asInt() == 100));
            List<Integer> progress = client.events("tasks").stream().map(e -> e.path("progress").asInt()).toList();
            assertThat(progress).containsExactly(0, 100);
            assertThat(hub.engine().stats().topics()).filteredOn(t -> t.name().equals("tasks")).singleElement()
                    .satisfies(t -> assertThat(t.conflated()).isEqualTo(9));
        }
    }

    @Test
    void aClientThatStopsReadingNeverHoldsUpTheOthers() throws Exception {
        // a raw socket with a tiny receive buffer that never reads: a frozen browser tab
        RawWebSocket stalled = RawWebSocket.connect(hub.port(), 4096);
        stalled.sendText("{\"action\":\"subscribe\",\"topic\":\"orders\"}");
        await().until(() -> hub.engine().stats().topics().stream()
                .anyMatch(t -> t.name().equals("orders") && t.subscribers() == 1));
        List<WsTestClient> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            WsTestClient reader = WsTestClient.connected(hub.webSocketUri());
            reader.subscribe("orders");
            readers.add(reader);
        }
        String padding = "p".repeat(2000);
        int events = 5000;
        // a steady 1,000 events/s (5 every 5 ms), as a busy backend would publish: 10 MB in all, more than the
        // stalled socket's kernel buffers (at most 4 MiB here) and the 1 MiB outbound limit together
        AtomicInteger published = new AtomicInteger();
        Queue<CompletableFuture<Long>> publishes = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        publisher.scheduleAtFixedRate(() -> {
            for (int i = 0; i < 5 && published.get() < events; i++) {
                publishes.add(hub.publish("orders", Publication.of("order",
                        Map.of("n", published.getAndIncrement(), "pad", padding))));
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> published.get() == events);
        publisher.shutdown();
        await().atMost(Duration.ofSeconds(30)).until(() -> publishes.stream().allMatch(CompletableFuture::isDone));
        assertThat(publishes).as("no publish refused: one stalled reader is not overload")
                .noneMatch(CompletableFuture::isCompletedExceptionally);
        List<Long> all = LongStream.rangeClosed(1, events).boxed().toList();
        for (WsTestClient reader : readers) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.seqs("orders").size() >= events);
            assertThat(reader.seqs("orders")).containsExactlyElementsOf(all);
            reader.close();
        }
        // the client that reads nothing was cut off at the outbound limit as a slow consumer
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.engine().connectionCount() == 0);
        stalled.close();
    }
}
