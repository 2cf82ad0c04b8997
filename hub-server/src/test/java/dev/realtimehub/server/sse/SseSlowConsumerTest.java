package dev.realtimehub.server.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.SseTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Core's slow-consumer rule holds for SSE streams too: one that stops reading goes, the others get everything. */
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
            ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
            try {
                // 1,000 events/s: 5 every 5 ms
                publisher.scheduleAtFixedRate(() -> {
                    for (int i = 0; i < 5 && published.get() < events; i++) {
                        hub.publish("orders", Publication.of("order", Map.of("n", published.getAndIncrement(),
                                "pad", pad)));
                    }
                }, 0, 5, TimeUnit.MILLISECONDS);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> hub.engine().counters().slowConsumers().disconnected() == 1);
                // its session goes: commands to it get 404, and only the reader is left
                await().atMost(Duration.ofSeconds(20)).until(() -> hub.engine().connectionCount() == 1);
                assertThat(http.post(SseTestClient.PATH + "/" + stalledSession, "{\"action\":\"ping\"}").status())
                        .isEqualTo(404);
                await().atMost(Duration.ofSeconds(60)).until(() -> published.get() == events);
            } finally {
                publisher.shutdownNow();
            }
            List<Long> all = LongStream.rangeClosed(1, events).boxed().toList();
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.seqs("orders").size() >= events);
            assertThat(reader.seqs("orders")).containsExactlyElementsOf(all);
            assertThat(reader.messages("gap")).isEmpty();
        } finally {
            stalled.close();
        }
    }
}
