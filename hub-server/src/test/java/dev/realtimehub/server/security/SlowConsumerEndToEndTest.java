package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.engine.ConnectionView;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import java.io.EOFException;
import java.net.SocketException;
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

/**
 * A client that stops reading while 1,000 events/s flow: nobody else notices, it never holds more than the limit, and
 * once it reads again — even slowly — it gets the 4008 close frame, so it reconnects at once instead of backing off.
 */
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
        List<Throwable> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        int events = 6000;
        String pad = "p".repeat(2000);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        // 1,000 events/s: 5 every 5 ms
        scheduler.scheduleAtFixedRate(() -> {
            for (int i = 0; i < 5 && published.get() < events; i++) {
                hub.publish("orders", Publication.of("order", Map.of("n", published.getAndIncrement(), "pad", pad)))
                        .whenComplete((seq, failure) -> {
                            if (failure != null) {
                                refused.add(failure);
                            }
                        });
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
        assertThat(refused).as("one stalled client is no overload: no publish is held back and refused").isEmpty();
        List<Long> all = LongStream.rangeClosed(1, events).boxed().toList();
        for (WsTestClient reader : readers) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.seqs("orders").size() >= events
                    || !refused.isEmpty());
            assertThat(refused).as("no publish refused while the readers caught up").isEmpty();
            assertThat(reader.seqs("orders")).containsExactlyElementsOf(all);
            assertThat(reader.messages("gap")).isEmpty();
            reader.close();
        }
        assertThat(maxQueued.get()).isPositive().isLessThanOrEqualTo(hard);
    }

    @Test
    void aReaderThatFellBehindAndReadsSlowlyGetsThe4008RightAfterWhatTheKernelHeld() throws Exception {
        // The hub holds up to 8 MiB for a client before it counts as congested, which is more than the kernel holds
        // for a socket (a few MiB on loopback, tcp_wmem): the hub's own backlog is most of what the client missed.
        RealtimeHub.Builder builder = RealtimeHub.builder().port(0)
                .topic(TopicConfig.builder("orders").history(20_000).build());
        builder.settings().transport().outboundSoftBytes(8 << 20).outboundHardBytes(9 << 20);
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        try (RealtimeHub hub = builder.start();
             RawWebSocket slow = RawWebSocket.connect(hub.port(), 4096);
             WsTestClient healthy = WsTestClient.connected(hub.webSocketUri())) {
            slow.readTextContaining("\"connected\"");
            slow.sendText("{\"action\":\"subscribe\",\"topic\":\"orders\"}");
            slow.readTextContaining("\"subscription\"");
            healthy.subscribe("orders");
            AtomicInteger published = new AtomicInteger();
            List<Throwable> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
            Map<String, Object> order = Map.of("pad", "p".repeat(4000));
            // 1,000 events/s of 4 KB each, until the slow reader is cut off
            publisher.scheduleAtFixedRate(() -> {
                for (int i = 0; i < 5; i++) {
                    published.incrementAndGet();
                    hub.publish("orders", Publication.of("order", order)).whenComplete((seq, failure) -> {
                        if (failure != null) {
                            refused.add(failure);
                        }
                    });
                }
            }, 0, 5, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> hub.engine().counters().slowConsumers().disconnected() == 1);
            publisher.shutdown();
            assertThat(publisher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            // It reads again, at 2 MiB/s: within the hub's 2 s close grace it reads what the kernel held but not the
            // 8 MiB or more the hub held on top, so a close frame queued behind that backlog would never leave: the
            // stream would just end (1006). With the backlog dropped, the close frame follows what the kernel held.
            slow.readSlowly(2 << 20, Long.MAX_VALUE);
            List<Long> seqs = new ArrayList<>();
            RawWebSocket.ServerFrame frame;
            try {
                for (frame = slow.readFrame(); frame.opcode() != 8; frame = slow.readFrame()) {
                    assertThat(frame.opcode()).as("only whole text frames before the close").isEqualTo(1);
                    JsonNode event = Json.mapper().readTree(frame.text());
                    if ("order".equals(event.path("type").asText())) {
                        seqs.add(event.path("seq").asLong());
                    }
                }
            } catch (EOFException | SocketException ended) {
                throw new AssertionError("the stream ended without a close frame after " + slow.bytesRead()
                        + " bytes and " + seqs.size() + " events (the client sees 1006)", ended);
            }
            assertThat(frame.closeCode()).as("close code after %d bytes", slow.bytesRead()).isEqualTo(4008);
            assertThat(seqs).as("what the kernel held, in order").isSorted();

            assertThat(refused).as("one slow reader is no overload: no publish is held back and refused").isEmpty();
            List<Long> all = LongStream.rangeClosed(1, published.get()).boxed().toList();
            await().atMost(Duration.ofSeconds(30)).until(() -> healthy.seqs("orders").size() >= all.size()
                    || !refused.isEmpty());
            assertThat(refused).as("no publish refused while the healthy reader caught up").isEmpty();
            assertThat(healthy.seqs("orders")).containsExactlyElementsOf(all);
            assertThat(healthy.messages("gap")).isEmpty();
        } finally {
            publisher.shutdownNow();
        }
    }
}
