package dev.realtimehub.server.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.SseTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Core's slow-consumer rule holds for SSE streams too: one that stops reading is closed with 4008 — which it reads as
 * soon as it reads again, right after what the kernel held — and the others get everything.
 */
class SseSlowConsumerTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(
            s -> s.topic(TopicConfig.builder("orders").history(20_000).build()));

    @Test
    void aStalledStreamIsClosedWhileAReadingStreamGetsEveryEvent(RealtimeHub hub) throws Exception {
        HttpTestClient http = new HttpTestClient(hub.httpUri());
        SseTestClient stalled = SseTestClient.openStalled(hub.port(), 4096, SseTestClient.PATH);
        assertThat(stalled.status()).isEqualTo(200);
        // it reads up to its subscription reply, then stops reading, with a 4 KiB receive buffer
        stalled.startReading();
        String stalledSession = stalled.session();
        assertThat(http.post(SseTestClient.PATH + "/" + stalledSession,
                "{\"action\":\"subscribe\",\"topic\":\"orders\"}").status()).isEqualTo(204);
        stalled.awaitMessage(m -> "subscription".equals(m.path("type").asText()));
        try (SseTestClient reader = SseTestClient.connected(hub.port())) {
            http.post(SseTestClient.PATH + "/" + reader.session(), "{\"action\":\"subscribe\",\"topic\":\"orders\"}");
            reader.awaitMessage(m -> "subscription".equals(m.path("type").asText()));
            stalled.pause();

            AtomicInteger published = new AtomicInteger();
            int events = 6000;
            String pad = "p".repeat(2000);
            // a busy machine may make the reader lag too, and then the whole audience lags: publishes are held and
            // may be refused; what the reader must get is every acknowledged one
            Queue<CompletableFuture<Long>> publishes = new ConcurrentLinkedQueue<>();
            ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
            try {
                // 1,000 events/s: 5 every 5 ms
                publisher.scheduleAtFixedRate(() -> {
                    for (int i = 0; i < 5 && published.get() < events; i++) {
                        publishes.add(hub.publish("orders", Publication.of("order",
                                Map.of("n", published.getAndIncrement(), "pad", pad))));
                    }
                }, 0, 5, TimeUnit.MILLISECONDS);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> hub.engine().counters().slowConsumers().disconnected() == 1);
                // it reads again: what the kernel held, then the disconnect event, since the hub dropped its backlog
                stalled.resume();
                JsonNode disconnect = stalled.awaitMessage(m -> "disconnect".equals(m.path("type").asText()));
                assertThat(disconnect.path("code").asInt()).isEqualTo(4008);
                await().atMost(Duration.ofSeconds(20)).until(stalled::ended);
                assertThat(stalled.endedCleanly()).as("the response ends with its last chunk").isTrue();
                assertThat(stalled.seqs("orders")).as("what it got before, in order").isSorted();
                // its session is gone: commands to it get 404, and only the reader is left
                await().atMost(Duration.ofSeconds(20)).until(() -> hub.engine().connectionCount() == 1);
                assertThat(http.post(SseTestClient.PATH + "/" + stalledSession, "{\"action\":\"ping\"}").status())
                        .isEqualTo(404);
                await().atMost(Duration.ofSeconds(60)).until(() -> published.get() == events);
            } finally {
                publisher.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> publishes.stream().allMatch(CompletableFuture::isDone));
            List<Long> all = publishes.stream().filter(p -> !p.isCompletedExceptionally()).map(CompletableFuture::join)
                    .sorted().toList();
            assertThat(all).as("acknowledged seqs are consecutive").isEqualTo(LongStream.rangeClosed(1, all.size())
                    .boxed().toList());
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.seqs("orders").size() >= all.size());
            assertThat(reader.seqs("orders")).containsExactlyElementsOf(all);
            assertThat(reader.messages("gap")).isEmpty();
        } finally {
            stalled.close();
        }
    }

    @Test
    void aReaderThatFellBehindAndReadsSlowlyGetsThe4008RightAfterWhatTheKernelHeld() throws Exception {
        // the hub holds up to 8 MiB for a stream before it counts as congested, more than the kernel holds for a
        // socket: the hub's own backlog is most of what the reader missed
        RealtimeHub hub = hubs.start(s -> s.transport().outboundSoftBytes(8 << 20).outboundHardBytes(9 << 20));
        HttpTestClient http = new HttpTestClient(hub.httpUri());
        SseTestClient slow = SseTestClient.openStalled(hub.port(), 4096, SseTestClient.PATH);
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        try {
            slow.startReading();
            http.post(SseTestClient.PATH + "/" + slow.session(), "{\"action\":\"subscribe\",\"topic\":\"orders\"}");
            slow.awaitMessage(m -> "subscription".equals(m.path("type").asText()));
            slow.pause();
            Map<String, Object> order = Map.of("pad", "p".repeat(4000));
            // 1,000 events/s of 4 KB each, until the slow reader is cut off
            publisher.scheduleAtFixedRate(() -> {
                for (int i = 0; i < 5; i++) {
                    hub.publish("orders", Publication.of("order", order));
                }
            }, 0, 5, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> hub.engine().counters().slowConsumers().disconnected() == 1);
            publisher.shutdown();

            // It reads again at 2 MiB/s: within the 2 s close grace it reads what the kernel held but not the 8 MiB
            // or more the hub held on top, so a disconnect event queued behind that backlog would never leave: the
            // stream would just be cut. With the backlog dropped, the disconnect follows what the kernel held.
            slow.readSlowly(2 << 20, Long.MAX_VALUE);
            slow.resume();
            JsonNode disconnect = slow.awaitMessage(m -> "disconnect".equals(m.path("type").asText()));
            assertThat(disconnect.path("code").asInt()).isEqualTo(4008);
            await().atMost(Duration.ofSeconds(20)).until(slow::ended);
            assertThat(slow.endedCleanly()).as("the response ends with its last chunk").isTrue();
            assertThat(slow.seqs("orders")).as("whole events before the disconnect, in order").isSorted();
        } finally {
            publisher.shutdownNow();
            slow.close();
        }
    }
}
