package dev.realtimehub.core.bus;

import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.auth.Identity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import dev.realtimehub.core.testing.SerialLane;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EventBusOrderingTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 500;

    @Test
    void concurrentEmittersGetGaplessSeqsDeliveredInOrderAndKeepTheirOwnOrder() throws Exception {
        ManualTime time = new ManualTime(); // only read: an immediate topic never schedules
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).build();
        RecordingSession session = new RecordingSession(new SerialLane());
        ConnectionInbound connection = hub.gateway().open(session, Identity.ANONYMOUS);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"alerts\"}");
        session.clear();

        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> emitters = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                emitters.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < PER_THREAD; n++) {
                        hub.eventBus().emit("ALERT_LOAD", Map.of("thread", thread, "n", n));
                    }
                    return null;
                }));
            }
            for (Future<?> emitter : emitters) {
                emitter.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<JsonNode> events;
        synchronized (session.lane()) { // the lane's lock guards the session
            events = session.messages("event");
        }
        assertThat(events).extracting(e -> e.path("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, THREADS * PER_THREAD).boxed().toList());
        Map<Integer, Integer> lastByThread = new HashMap<>();
        for (JsonNode event : events) {
            int thread = event.path("data").path("thread").asInt();
            int n = event.path("data").path("n").asInt();
            assertThat(n).as("thread %d's next event", thread).isEqualTo(lastByThread.getOrDefault(thread, -1) + 1);
            lastByThread.put(thread, n);
        }
        assertThat(lastByThread).hasSize(THREADS).allSatisfy((thread, last) -> assertThat(last).isEqualTo(PER_THREAD - 1));
    }
}
