package dev.realtimehub.core.delivery;

import dev.realtimehub.core.spi.ConnectionInbound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.api.BackpressureException;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishes wait while the lanes hold more than {@code publish.max-queued-bytes} (64 KiB here), in order. */
class BackpressureTest {

    private static final String PAD = "p".repeat(20_000);

    private final ManualTime time = new ManualTime();
    private final DirectLane lane = new DirectLane();
    private HubEngine hub;
    private RecordingSession session;

    @BeforeEach
    void setUp() {
        hub = HubEngine.builder().clock(time).scheduler(time).backpressure(64 * 1024, 500).build();
        session = new RecordingSession(lane);
        ConnectionInbound connection = hub.gateway().open(session, Identity.ANONYMOUS);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"alerts\"}");
        lane.pause(); // the lane stops writing: its queue fills
    }

    private CompletableFuture<Long> alert(int n) {
        return hub.publish("alerts", Publication.of("alert", Map.of("n", n, "pad", PAD)));
    }

    @Test
    void publishesWaitWhileTheQueuesAreFullAndGoAheadInOrderOnceTheyDrain() {
        for (int i = 1; i <= 4; i++) {
            assertThat(alert(i)).isCompletedWithValue((long) i);
        }
        time.advance(FanOutBudget.SAMPLE_MS); // 80 KB wait in the paused lane: the next sample starts the hold
        assertThat(hub.counters().fanOutHolds()).isEqualTo(1);
        List<CompletableFuture<Long>> waiting = new ArrayList<>();
        for (int i = 5; i <= 7; i++) {
            waiting.add(alert(i));
        }
        assertThat(waiting).allSatisfy(f -> assertThat(f).isNotDone());

        lane.resume();
        time.advance(FanOutBudget.SAMPLE_MS);

        assertThat(waiting).extracting(CompletableFuture::join).containsExactly(5L, 6L, 7L);
        assertThat(session.seqs("alerts")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aPublishThatFindsNoRoomWithinTheWaitFailsAndIsNotAccepted() {
        for (int i = 1; i <= 4; i++) {
            alert(i);
        }
        time.advance(FanOutBudget.SAMPLE_MS);
        CompletableFuture<Long> refused = alert(5);
        time.advance(500);
        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((seq, failure) -> failure instanceof CompletionException c ? c.getCause() : failure)
                .join()).isInstanceOf(BackpressureException.class).hasMessageContaining("retry later");
        assertThat(hub.position("alerts").seq()).as("never accepted").isEqualTo(4);
        assertThat(hub.counters().fanOutRefusals()).isEqualTo(1);
        lane.resume();
        time.advance(FanOutBudget.SAMPLE_MS);
        assertThat(alert(6).join()).as("room again").isEqualTo(5);
    }
}
