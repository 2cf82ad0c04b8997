package dev.realtimehub.server.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.PacedReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A node cannot hold back a publisher on another node: when events from Redis come faster than its readers take them,
 * it degrades them all (skipped events, {@code gap} frames) and closes only the one that lags its peers — here one
 * that reads nothing for {@code limits.stall-ms}.
 */
class RemoteOverloadTest {

    private static final TopicConfig ORDERS = TopicConfig.builder("orders").history(10_000).build();
    private static final int READERS = 8;
    private static final int EVENTS = 3000;

    @Test
    void remoteEventsBeyondWhatTheReadersTakeDegradeEveryoneAndCloseOnlyTheOneThatLagsItsPeers() throws Exception {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            RealtimeHub publisherNode = cluster.start("a", ORDERS);
            RealtimeHub readerNode = cluster.start("b", s -> s.transport().outboundSoftBytes(32 * 1024)
                    .outboundHardBytes(128 * 1024).stallMs(3000), ORDERS);
            List<PacedReader> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                readers.add(PacedReader.open(readerNode.port(), "orders", 100_000));
            }
            PacedReader frozen = PacedReader.open(readerNode.port(), "orders", 0);

            // node a has no subscriber: nothing there holds its publisher back, 6 MB go out as fast as Redis takes them
            String pad = "p".repeat(2000);
            List<CompletableFuture<Long>> publishes = new ArrayList<>();
            for (int n = 0; n < EVENTS; n++) {
                publishes.add(publisherNode.publish("orders", Publication.of("order", Map.of("n", n, "pad", pad))));
            }
            CompletableFuture.allOf(publishes.toArray(CompletableFuture[]::new)).join();

            for (PacedReader reader : readers) {
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(reader.accountedUpTo(EVENTS))
                        .as("every seq up to %d received or told: %s", EVENTS, reader.describe()).isTrue());
                assertThat(reader.seqs()).as("in order, each once").isSorted().doesNotHaveDuplicates();
                assertThat(reader.gaps()).as("degraded: told what it missed").isNotEmpty();
                assertThat(reader.closeCode()).as("never closed").isZero();
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> readerNode.engine().counters().slowConsumers().disconnected() == 1);
            var slow = readerNode.engine().counters().slowConsumers();
            assertThat(slow.disconnected()).as("only the reader that reads nothing").isEqualTo(1);
            assertThat(slow.degraded()).as("every reader degraded").isGreaterThanOrEqualTo(READERS);
            await().atMost(Duration.ofSeconds(30)).until(() -> readerNode.engine().connectionCount() == READERS);
            for (PacedReader reader : readers) {
                reader.close();
            }
            frozen.close();
        }
    }
}
