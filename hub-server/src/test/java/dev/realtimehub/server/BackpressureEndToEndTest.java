package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtimehub.core.api.BackpressureException;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.spi.Lane;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.WsTestClient;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A publish or an event finding the fan-out queues past {@code publish.max-queued-bytes} waits, then answers 503 with
 * Retry-After and accepts nothing.
 */
class BackpressureEndToEndTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(
            s -> s.maxQueuedBytes(64 * 1024).publishMaxWaitMs(200).transport().ioThreads(2)
                    .outboundSoftBytes(16 * 1024).outboundHardBytes(64 * 1024));

    @Test
    void aPublishIntoFullQueuesIs503WithRetryAfterAndLaterGoesThrough(RealtimeHub hub) throws Exception {
        WsTestClient client = WsTestClient.connected(hub.webSocketUri());
        client.subscribe("alerts");
        // hold the subscriber's event loop, so what is published for it stays queued
        var connection = hub.engine().connections().get(0);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        connection.lane().execute(() -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        // three 30 KB events wait in the held lane's outbox: 90 KB queued for delivery, more than the 64 KiB budget
        String padding = "p".repeat(30_000);
        for (int i = 0; i < 3; i++) {
            hub.publish("alerts", Publication.of("alert", Map.of("n", i, "pad", padding))).join();
        }
        HttpTestClient http = new HttpTestClient(hub.httpUri());
        HttpTestClient.Reply refused = http.post("/api/publish", "{\"topic\":\"alerts\",\"type\":\"alert\"}");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.raw().headers().firstValue("retry-after")).hasValue("1");
        assertThat(refused.json().path("error").asText()).contains("the subscribers stayed behind for 200 ms");
        HttpTestClient.Reply refusedEvent = http.post("/api/events", "{\"event\":\"ALERT_DISK\"}");
        assertThat(refusedEvent.status()).isEqualTo(503);
        assertThat(refusedEvent.raw().headers().firstValue("retry-after")).hasValue("1");
        assertThat(refusedEvent.json().path("error").asText()).startsWith("Emit refused: the subscribers stayed behind");
        assertThat(hub.engine().position("alerts").seq()).as("nothing accepted").isEqualTo(3);

        release.countDown();
        client.awaitMessage(m -> m.path("seq").asLong() == 3 && "alert".equals(m.path("type").asText()));
        assertThat(http.publish("alerts", "alert", "")).isEqualTo(4);
        assertThat(http.post("/api/events", "{\"event\":\"ALERT_DISK\"}").body())
                .isEqualTo("{\"topic\":\"alerts\",\"seq\":5}");
        client.close();
    }

    @Test
    void theHoldIsJudgedEvenWhileEveryEventLoopIsStuck(RealtimeHub hub) throws Exception {
        // subscribers until both I/O loops have one; then both loops are held, as a burst keeps them busy
        List<WsTestClient> clients = new ArrayList<>();
        Set<Lane> lanes = new HashSet<>();
        for (int i = 0; i < 8 && lanes.size() < 2; i++) {
            WsTestClient client = WsTestClient.connected(hub.webSocketUri());
            client.subscribe("alerts");
            clients.add(client);
            lanes.clear();
            hub.engine().connections().forEach(c -> lanes.add(c.lane()));
        }
        assertThat(lanes).as("a subscriber on each of the two I/O loops").hasSize(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(lanes.size());
        for (Lane lane : lanes) {
            lane.execute(() -> {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            // two 30 KB events for two subscribers: 120 KB waiting to be written, more than the 64 KiB budget
            String padding = "p".repeat(30_000);
            for (int i = 0; i < 2; i++) {
                hub.publish("alerts", Publication.of("alert", Map.of("n", i, "pad", padding))).join();
            }
            // no I/O loop can run now: the hold must be judged, and the wait timed, off them
            assertThatThrownBy(() -> hub.publish("alerts", Publication.of("alert", Map.of("n", 2))).join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(BackpressureException.class);
            assertThat(hub.engine().position("alerts").seq()).as("nothing accepted").isEqualTo(2);
        } finally {
            release.countDown();
        }
        for (WsTestClient client : clients) {
            client.awaitMessage(m -> m.path("seq").asLong() == 2 && "alert".equals(m.path("type").asText()));
            client.close();
        }
    }
}
