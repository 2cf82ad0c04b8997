package dev.realtimehub.server.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DrainTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    @Test
    void whileDrainingNewConnectionsAndRequestsGet503WithRetryAfterAndOpenOnesAreStillServed(RealtimeHub hub)
            throws Exception {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("alerts");
            HttpTestClient http = new HttpTestClient(hub.httpUri());

            hub.startDraining();

            try (RawWebSocket refused = RawWebSocket.connect(hub.port())) {
                assertThat(refused.upgraded()).isFalse();
                assertThat(refused.handshakeResponse()).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after: 5");
                assertThat(new String(refused.readBody(), StandardCharsets.UTF_8))
                        .contains("\"error\"", "shutting down");
            }
            HttpTestClient.Reply publish = http.post("/api/publish", "{\"topic\":\"alerts\",\"type\":\"alert\"}");
            assertThat(publish.status()).isEqualTo(503);
            assertThat(publish.raw().headers().firstValue("retry-after")).hasValue("5");
            assertThat(publish.json().path("error").asText()).contains("shutting down");
            HttpTestClient.Reply live = http.get("/health");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json().path("status").asText()).isEqualTo("draining");
            HttpTestClient.Reply ready = http.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().path("status").asText()).isEqualTo("unready");
            assertThat(ready.json().path("reason").asText()).contains("draining");
            assertThat(http.get("/metrics").status()).as("scrapes go on while draining").isEqualTo(200);

            hub.publish("alerts", Publication.of("alert", Map.of("title", "still here"))).join();
            await().until(() -> client.seqs("alerts").size() == 1);

            hub.close();
            assertThat(client.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(1001);
            assertThat(client.closeReason().get()).isEqualTo("server shutting down");
        }
    }

    @Test
    void everyFrameTheWindowsHeldIsWrittenBeforeThe1001EvenPastOneDrainTask() throws Exception {
        int events = 3000; // more frames than one lane writes per task
        RealtimeHub hub = hubs.start(s -> s
                .topic(TopicConfig.builder("logs").policy(DeliveryPolicy.BATCH).batchMaxItems(1).windowMs(60_000)
                        .build())
                .transport().ioThreads(1).outboundSoftBytes(16 << 20).outboundHardBytes(32 << 20));
        try (WsTestClient first = WsTestClient.connected(hub.webSocketUri());
             WsTestClient second = WsTestClient.connected(hub.webSocketUri())) {
            first.subscribe("logs");
            second.subscribe("logs");
            for (int i = 0; i < events; i++) {
                hub.publish("logs", Publication.of("log", Map.of("n", i))).join();
            }
            await().until(() -> first.seqs("logs").size() == 1 && second.seqs("logs").size() == 1);
            // 2,999 events wait in the window: close must send all of them, then 1001

            hub.close();

            List<Long> expected = LongStream.rangeClosed(1, events).boxed().toList();
            for (WsTestClient client : List.of(first, second)) {
                assertThat(client.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(1001);
                assertThat(client.seqs("logs")).as("received before the close frame").isEqualTo(expected);
            }
        }
    }
}
