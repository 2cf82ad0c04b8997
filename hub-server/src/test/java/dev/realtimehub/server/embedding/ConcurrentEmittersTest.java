package dev.realtimehub.server.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many threads emitting at once on one immediate topic, seen by a real WebSocket client. */
class ConcurrentEmittersTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 500;

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    private WsTestClient client;

    @BeforeEach
    void start(RealtimeHub hub) {
        client = WsTestClient.connected(hub.webSocketUri());
        client.subscribe("alerts");
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void seqsArriveGaplessInOrderAndEachEmitterKeepsItsOwnOrder(RealtimeHub hub) throws Exception {
        AtomicInteger heardInProcess = new AtomicInteger();
        hub.eventBus().on("ALERT_*", (name, data) -> heardInProcess.incrementAndGet());
        CyclicBarrier go = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Long>> emitters = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                emitters.add(pool.submit(() -> {
                    go.await();
                    long lastSeq = 0;
                    for (int n = 0; n < PER_THREAD; n++) {
                        long seq = hub.eventBus().emit("ALERT_LOAD", Map.of("thread", thread, "n", n)).join();
                        assertThat(seq).as("one thread's seqs increase").isGreaterThan(lastSeq);
                        lastSeq = seq;
                    }
                    return lastSeq;
                }));
            }
            for (Future<Long> emitter : emitters) {
                emitter.get();
            }
        } finally {
            pool.shutdownNow();
        }

        int total = THREADS * PER_THREAD;
        await().atMost(Duration.ofSeconds(30)).until(() -> client.events("alerts").size() >= total);
        List<JsonNode> events = client.events("alerts");
        assertThat(events).hasSize(total).allSatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("event"));
        long first = events.get(0).path("seq").asLong();
        for (int i = 0; i < total; i++) {
            assertThat(events.get(i).path("seq").asLong()).as("seq of event %d: strictly increasing, no gap", i)
                    .isEqualTo(first + i);
        }
        Map<Integer, Integer> lastN = new HashMap<>();
        for (JsonNode event : events) {
            int thread = event.path("data").path("thread").asInt();
            int n = event.path("data").path("n").asInt();
            assertThat(n).as("emitter %d's next event", thread).isEqualTo(lastN.getOrDefault(thread, -1) + 1);
            lastN.put(thread, n);
        }
        assertThat(lastN).hasSize(THREADS).allSatisfy((thread, n) -> assertThat(n).isEqualTo(PER_THREAD - 1));
        assertThat(heardInProcess).hasValue(total);
    }
}
