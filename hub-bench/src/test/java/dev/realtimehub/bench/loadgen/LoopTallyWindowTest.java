package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * How a loop counts: measured events inside the window (by arrival, against the window derived from the events'
 * scheduled times), late (after it), or never; every arrival while the window is open (the throughput); and what the
 * deliveries per second divide by.
 */
class LoopTallyWindowTest {

    private static final PayloadFactory PAYLOAD = new PayloadFactory("bench", "bench", 200);
    private static final long MINUTE_MICROS = 60_000_000L;

    @Test
    void theWindowEndsWhereTheFirstEventAfterItIsScheduled() {
        // 100/s: 10,000 µs apart; seq 3 at t, so seq 11 (the first after a window ending with 10) at t + 80,000
        assertThat(LoopTally.windowEnd(3, 1_000_000, 10, 10_000)).isEqualTo(1_080_000);
        assertThat(LoopTally.windowEnd(10, 1_000_000, 10, 10_000)).isEqualTo(1_010_000);
    }

    @Test
    void anEventArrivingAfterTheWindowIsLateNotADeliveryOfTheWindow() {
        // seqs 3..5 are measured; every one was scheduled a minute ago, so the window closed long before they arrive
        LoopTally tally = new LoopTally(3, 5, 100, new LongAdder());
        SeqTracker tracker = new SeqTracker();
        tally.add(tracker);
        long past = LatencyClock.nowMicros() - MINUTE_MICROS;
        receive(tally, tracker, 1, past);
        receive(tally, tracker, 3, past);
        receive(tally, tracker, 4, past);

        LoopTally.Snapshot snapshot = tally.snapshot(5, null);

        assertThat(snapshot.deliveries()).isZero();
        assertThat(snapshot.lateDeliveries()).isEqualTo(2);
        assertThat(snapshot.neverDelivered()).isEqualTo(1); // seq 5
        assertThat(snapshot.lost()).isEqualTo(2); // seqs 2 and 5
    }

    @Test
    void anEventArrivingBeforeTheWindowClosesCounts() {
        LoopTally tally = new LoopTally(3, 5, 100, new LongAdder());
        SeqTracker tracker = new SeqTracker();
        tally.add(tracker);
        long future = LatencyClock.nowMicros() + MINUTE_MICROS; // scheduled a minute from now: the window is open
        for (long seq = 1; seq <= 5; seq++) {
            receive(tally, tracker, seq, future);
        }

        LoopTally.Snapshot snapshot = tally.snapshot(5, null);

        assertThat(snapshot.deliveries()).isEqualTo(3);
        assertThat(snapshot.lateDeliveries()).isZero();
        assertThat(snapshot.neverDelivered()).isZero();
        assertThat(snapshot.lost()).isZero();
    }

    @Test
    void deliveriesPerSecondCountEveryArrivalWhileTheWindowIsOpenOverTheWindowAlone() {
        // 1 event/s, seqs 3..6 measured: the window is [scheduled(3), scheduled(7)), 4 s long, and it opened 1 s ago
        LoopTally tally = new LoopTally(3, 6, 1.0, new LongAdder());
        SeqTracker tracker = new SeqTracker();
        tally.add(tracker);
        long opened = LatencyClock.nowMicros() - 1_000_000;
        receive(tally, tracker, 1, opened - 2_000_000); // a warm-up event the server delivers now, inside the window
        receive(tally, tracker, 3, opened);
        receive(tally, tracker, 4, opened + 1_000_000);
        Deliveries deliveries = Deliveries.sum(List.of(tally.snapshot(6, null)));

        // three arrivals while the window is open (one of them a warm-up event) over the 4 s window
        assertThat(deliveries.windowDeliveries()).isEqualTo(3);
        assertThat(deliveries.perSecond(4.0)).isEqualTo(0.75);
        assertThat(deliveries.deliveries()).isEqualTo(2); // measured events inside the window
        assertThat(deliveries.lateDeliveries()).isZero();
        assertThat(deliveries.neverDelivered()).isEqualTo(2); // seqs 5 and 6
    }

    @Test
    void anArrivalBeforeTheWindowOpensIsNotAThroughputOfTheWindow() {
        LoopTally tally = new LoopTally(3, 6, 1.0, new LongAdder());
        SeqTracker tracker = new SeqTracker();
        tally.add(tracker);
        long opensInAMinute = LatencyClock.nowMicros() + MINUTE_MICROS;
        receive(tally, tracker, 1, opensInAMinute - 2_000_000);

        assertThat(Deliveries.sum(List.of(tally.snapshot(6, null))).windowDeliveries()).isZero();
    }

    /** One hub-shaped event frame for {@code seq}, scheduled at {@code scheduledMicros}, arriving now. */
    private static void receive(LoopTally tally, SeqTracker tracker, long seq, long scheduledMicros) {
        String published = PAYLOAD.event(seq, scheduledMicros);
        String frame = "{\"type\":\"bench\",\"topic\":\"bench\",\"seq\":" + seq + ","
                + published.substring(published.indexOf("\"bench_seq\""), published.length() - 1) + "}";
        ByteBuf buf = Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8);
        try {
            tally.readStarted();
            tally.onEventFrame(buf, 0, buf.writerIndex(), false, tracker);
        } finally {
            buf.release();
        }
    }
}
