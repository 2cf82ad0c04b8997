package dev.realtimehub.bench.loadgen;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * What the connections of one event loop received: latencies of the measured events, deliveries, frames and the
 * connections themselves (for their seq accounts at the end).
 *
 * <p>Confined to its event loop, so nothing here needs a lock or an atomic; {@link #snapshot} runs there too. The
 * one exception is {@link #received}, a counter shared by all loops so the generator can see progress while it waits.
 */
final class LoopTally {

    /** Latencies above this (one minute) are recorded as this. */
    static final long HIGHEST_MICROS = 60_000_000L;

    private final long firstMeasuredSeq;
    private final long lastMeasuredSeq;
    /** Microseconds between two scheduled events (0: no events). */
    private final double microsPerEvent;
    /**
     * When the measured window opens and closes on the wall clock (epoch microseconds; 0: not known yet): the scheduled
     * times of seq {@code firstMeasuredSeq} and {@code lastMeasuredSeq + 1}, derived from the first event's
     * {@code bench_ts}, so every process agrees.
     */
    private long windowStartMicros;
    private long windowEndMicros;
    private final LongAdder received;
    private final Histogram latencyMicros = new Histogram(HIGHEST_MICROS, 3);
    private final List<SeqTracker> subscribed = new ArrayList<>();
    private long deliveries;
    /** Every first arrival of any event (warm-up ones included) inside the window on the wall clock. */
    private long windowDeliveries;
    private long lateDeliveries;
    private long frames;
    private long batchFrames;
    private long batchItems;
    private long gaps;
    private long disconnects;
    private long slowConsumerCloses;
    /** Subscribed connections that closed before the end, by close code (-1: no close frame). */
    private final TreeMap<Integer, Long> closesByCode = new TreeMap<>();
    private long unexpectedSeqs;
    /** When the first and the last measured delivery arrived (epoch microseconds; 0: none yet). */
    private long firstMeasuredMicros;
    private long lastMeasuredMicros;

    // scratch state of the frame being scanned (event loop only)
    private SeqTracker scanTracker;
    private long scanNowMicros;
    private int scanNew;
    private int scanMeasured;
    private final FrameScanner.ItemVisitor visitor = this::onItem;
    private final FrameScanner.Hints eventHints = new FrameScanner.Hints();
    private final FrameScanner.Hints batchHints = new FrameScanner.Hints();

    LoopTally(long firstMeasuredSeq, long lastMeasuredSeq, double rate, LongAdder received) {
        this.firstMeasuredSeq = firstMeasuredSeq;
        this.lastMeasuredSeq = lastMeasuredSeq;
        this.microsPerEvent = rate > 0 ? 1e6 / rate : 0;
        this.received = received;
    }

    /** A connection of this loop is subscribed; its account ({@code tracker}) is closed at the end. */
    void add(SeqTracker tracker) {
        subscribed.add(tracker);
    }

    /** A read begins: the frames it holds all arrived now. */
    void readStarted() {
        scanNowMicros = LatencyClock.nowMicros();
    }

    /**
     * Accounts an event or batch frame, {@code buf}'s bytes [start, end), received by the connection that owns
     * {@code tracker} in the current read.
     */
    void onEventFrame(ByteBuf buf, int start, int end, boolean batch, SeqTracker tracker) {
        scanTracker = tracker;
        scanNew = 0;
        scanMeasured = 0;
        int items = batch
                ? FrameScanner.forEachItem(buf, start, end, Integer.MAX_VALUE, batchHints, visitor)
                : FrameScanner.forEachItem(buf, start, end, 1, eventHints, visitor);
        if (items == 0) {
            return; // not one of ours (the default stats subscription, the hub's own log lines)
        }
        if (scanMeasured > 0) {
            frames++;
            if (batch) {
                batchFrames++;
                batchItems += items;
            }
        }
        if (scanNew > 0) {
            received.add(scanNew);
        }
    }

    private void onItem(long seq, long scheduledMicros, long sentMicros) {
        if (!scanTracker.onSeq(seq)) {
            return;
        }
        if (windowEndMicros == 0) {
            windowEndMicros = windowEnd(seq, scheduledMicros, lastMeasuredSeq, microsPerEvent);
            windowStartMicros = windowEnd(seq, scheduledMicros, firstMeasuredSeq - 1, microsPerEvent);
        }
        scanNew++;
        if (scanNowMicros >= windowStartMicros && scanNowMicros < windowEndMicros) {
            windowDeliveries++; // what the server delivered while the window was open, whenever it was published
        }
        if (seq < firstMeasuredSeq || seq > lastMeasuredSeq) {
            if (seq > lastMeasuredSeq) {
                unexpectedSeqs++;
            }
            return;
        }
        scanMeasured++;
        if (scanNowMicros > windowEndMicros) {
            // published in the window, delivered after it: not a delivery of the window
            lateDeliveries++;
        } else {
            deliveries++;
        }
        if (firstMeasuredMicros == 0) {
            firstMeasuredMicros = scanNowMicros;
        }
        lastMeasuredMicros = scanNowMicros;
        // publish to receive: from when the publish request was sent (how long the publisher was held is its lag)
        long latency = scanNowMicros - sentMicros;
        latencyMicros.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, latency)));
    }

    /**
     * When the measured window closes, from any one event: seq {@code seq} was scheduled at {@code scheduledMicros}, so
     * seq {@code lastMeasuredSeq + 1} (the first after the window) is scheduled {@code lastMeasuredSeq + 1 - seq}
     * intervals later.
     */
    static long windowEnd(long seq, long scheduledMicros, long lastMeasuredSeq, double microsPerEvent) {
        return scheduledMicros + Math.round((lastMeasuredSeq + 1 - seq) * microsPerEvent);
    }

    void onGap() {
        gaps++;
    }

    /** A subscribed connection closed before the end of the run, with {@code closeCode} (-1: no close frame). */
    void onDisconnect(int closeCode) {
        disconnects++;
        closesByCode.merge(closeCode, 1L, Long::sum);
        if (closeCode == 4008) {
            slowConsumerCloses++;
        }
    }

    /**
     * Closes every connection's account at {@code lastPublished} and returns the loop's figures; on the loop.
     *
     * @param lastPublished the last seq published (what every connection should have received)
     * @param acked the seqs the server acknowledged, or {@code null} when every one up to {@code lastPublished} counts
     */
    Snapshot snapshot(long lastPublished, BitSet acked) {
        long lost = 0;
        long never = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        long misrouted = 0;
        for (SeqTracker tracker : subscribed) {
            tracker.finish(lastPublished, acked);
            lost += tracker.lost();
            never += tracker.missing(firstMeasuredSeq, Math.min(lastMeasuredSeq, lastPublished), acked);
            duplicated += tracker.duplicated();
            outOfOrder += tracker.outOfOrder();
            misrouted += tracker.misrouted();
        }
        return new Snapshot(subscribed.size(), latencyMicros.copy(), deliveries, windowDeliveries, lateDeliveries,
                never, frames,
                batchFrames, batchItems, gaps, disconnects, slowConsumerCloses, lost, duplicated, outOfOrder,
                unexpectedSeqs, misrouted, firstMeasuredMicros, lastMeasuredMicros, Map.copyOf(closesByCode));
    }

    /**
     * One loop's figures at the end of a run: {@code deliveries} of measured events inside the window,
     * {@code windowDeliveries} of any event inside the window (the throughput),
     * {@code lateDeliveries} after it, {@code neverDelivered} measured acknowledged events that never arrived,
     * {@code misrouted} events of another channel or filter value than the connection's, {@code closesByCode} the
     * disconnects by close code (-1: no close frame).
     */
    record Snapshot(int connections, Histogram latencyMicros, long deliveries, long windowDeliveries,
                    long lateDeliveries,
                    long neverDelivered, long frames, long batchFrames, long batchItems, long gaps, long disconnects,
                    long slowConsumerCloses, long lost, long duplicated, long outOfOrder, long unexpectedSeqs,
                    long misrouted, long firstMeasuredMicros, long lastMeasuredMicros, Map<Integer, Long> closesByCode) {
    }
}
