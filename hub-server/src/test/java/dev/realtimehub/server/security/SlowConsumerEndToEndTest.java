package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.engine.ConnectionView;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that stops reading while 1,000 events/s flow: nobody else notices, it never holds more than the limit. */
class SlowConsumerEndToEndTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(
            s -> s.topic(TopicConfig.builder("orders").history(20_000).build()));

    @Test
    void aStalledClientIsDegradedThenClosed4008WhileEveryOtherClientGetsEverything(RealtimeHub hub) throws Exception {
        long hard = hub.config().transport().outboundHardBytes();
        RawWebSocket stalled = RawWebSocket.connect(hub.port(), 4096);
        stalled.readTextContaining("\"connected\"");
        stalled.sendText("{\"action\":\"subscribe\",\"topic\":\"orders\"}");
        stalled.readTextContaining("\"subscription\"");
        List<WsTestClient> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WsTestClient reader = WsTestClient.connected(hub.webSocketUri());
            reader.subscribe("orders");
            readers.add(reader);
        }
        ConnectionView stalledConnection = hub.engine().connections().stream()
                .min((a, b) -> Long.compare(a.openedAtMillis(), b.openedAtMillis())).orElseThrow();

        AtomicLong maxQueued = new AtomicLong();
        AtomicInteger published = new AtomicInteger();
        int events = 6000;
        String pad = "p".repeat(2000);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        // 1,000 events/s: 5 every 5 ms
        scheduler.scheduleAtFixedRate(() -> {
            for (int i = 0; i < 5 && published.get() < events; i++) {
                hub.publish("orders", Publication.of("order", Map.of("n", published.getAndIncrement(), "pad", pad)));
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
        // the stalled connection's queue, sampled on its own event loop
        scheduler.scheduleAtFixedRate(() -> stalledConnection.lane().execute(() ->
                maxQueued.accumulateAndGet(stalledConnection.queuedBytes(), Math::max)),
                0, 2, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(60)).until(() -> hub.engine().counters().slowConsumers().disconnected() == 1);
        assertThat(hub.engine().counters().slowConsumers().degraded()).isGreaterThanOrEqualTo(1);
        // it reads again: what was queued, then the close frame
        assertThat(stalled.readUntilClose()).isEqualTo(4008);
        stalled.close();

        await().atMost(Duration.ofSeconds(60)).until(() -> published.get() == events);
        scheduler.shutdown();
        List<Long> all = LongStream.rangeClosed(1, events).boxed().toList();
        for (WsTestClient reader : readers) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.seqs("orders").size() >= events);
            assertThat(reader.seqs("orders")).containsExactlyElementsOf(all);
            assertThat(reader.messages("gap")).isEmpty();
            reader.close();
        }
        assertThat(maxQueued.get()).isPositive().isLessThanOrEqualTo(hard);
    }
}
