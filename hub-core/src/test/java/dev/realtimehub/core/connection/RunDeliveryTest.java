package dev.realtimehub.core.connection;

import dev.realtimehub.core.spi.ConnectionInbound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.delivery.FanOutBudget;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events of one topic that reach a lane together are handed to each connection as one run: a connection that takes all
 * of them gets them in one {@code writeRun}; one that takes only some (a targeted event, a degraded connection) gets
 * exactly what {@code offer} one by one would give it.
 */
class RunDeliveryTest {

    private final ManualTime time = new ManualTime();
    private final DirectLane lane = new DirectLane();
    private HubEngine hub;

    @BeforeEach
    void setUp() {
        hub = HubEngine.builder().clock(time).scheduler(time).build();
    }

    private RecordingSession subscribed(Identity identity) {
        RecordingSession session = new RecordingSession(lane);
        ConnectionInbound connection = hub.gateway().open(session, identity);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"alerts\"}");
        session.clear();
        return session;
    }

    /** Publishes {@code count} alerts while the lane is paused, so they reach it together; every third for alice. */
    private void burst(int count, boolean someForAlice) {
        lane.pause();
        for (int n = 1; n <= count; n++) {
            Map<String, Object> fields = new HashMap<>(Map.of("n", n));
            if (someForAlice && n % 3 == 0) {
                fields.put("user_id", "alice");
            }
            hub.publish("alerts", Publication.of("alert", fields)).join();
        }
        lane.resume();
    }

    @Test
    void aConnectionThatTakesEveryEventGetsThemAsOneRunFlushedOnce() {
        RecordingSession first = subscribed(Identity.ANONYMOUS);
        RecordingSession second = subscribed(Identity.ANONYMOUS);
        int firstFlushes = first.flushes();
        int secondFlushes = second.flushes();

        burst(5, false);

        assertThat(first.flushes()).isEqualTo(firstFlushes + 1);
        assertThat(second.flushes()).isEqualTo(secondFlushes + 1);
        for (RecordingSession session : new RecordingSession[] {first, second}) {
            assertThat(session.runs()).containsExactly(5);
            assertThat(session.seqs("alerts")).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void targetedEventsInARunReachOnlyTheirUserAndEveryoneElseStillGetsTheRest() {
        RecordingSession alice = subscribed(new Identity("alice", Set.of(), 0));
        RecordingSession bob = subscribed(new Identity("bob", Set.of(), 0));
        RecordingSession anonymous = subscribed(Identity.ANONYMOUS);

        burst(6, true);

        assertThat(alice.runs()).containsExactly(6);
        assertThat(alice.seqs("alerts")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(bob.runs()).isEmpty();
        assertThat(bob.seqs("alerts")).containsExactly(1L, 2L, 4L, 5L);
        assertThat(anonymous.seqs("alerts")).containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void aDegradedConnectionSkipsTheRunAsItWouldEachEvent() {
        RecordingSession healthy = subscribed(Identity.ANONYMOUS);
        RecordingSession slow = subscribed(Identity.ANONYMOUS);
        slow.congest(true, 300_000); // past the 256 KiB soft limit while its peer has nothing queued
        time.advance(ConnectionPace.LAG_GRACE_MS + 2 * FanOutBudget.SAMPLE_MS);

        burst(4, false);

        assertThat(healthy.seqs("alerts")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(slow.runs()).isEmpty();
        assertThat(slow.seqs("alerts")).isEmpty();
    }
}
