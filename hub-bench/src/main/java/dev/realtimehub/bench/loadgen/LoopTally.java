package dev.realtimehub.bench.loadgen;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
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
    private final LongAdder received;
    private final Histogram latencyMicros = new Histogram(HIGHEST_MICROS, 3);
    private final List<LoadClientHandler> subscribed = new ArrayList<>();
    private long deliveries;
    private long frames;
    private long batchFrames;
    private long batchItems;
    private long gaps;
    private long disconnects;
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

    LoopTally(long firstMeasuredSeq, long lastMeasuredSeq, LongAdder received) {
        this.firstMeasuredSeq = firstMeasuredSeq;
        this.lastMeasuredSeq = lastMeasuredSeq;
        this.received = received;
    }

    /** A connection of this loop is subscribed; it is accounted at the end. */
    void add(LoadClientHandler handler) {
        subscribed.add(handler);
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

    private void onItem(long seq, long publishedMicros) {
        if (!scanTracker.onSeq(seq)) {
            return;
        }
        scanNew++;
        if (seq < firstMeasuredSeq || seq > lastMeasuredSeq) {
            if (seq > lastMeasuredSeq) {
                unexpectedSeqs++;
            }
            return;
        }
        scanMeasured++;
        deliveries++;
        if (firstMeasuredMicros == 0) {
            firstMeasuredMicros = scanNowMicros;
        }
        lastMeasuredMicros = scanNowMicros;
        long latency = scanNowMicros - publishedMicros;
        latencyMicros.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, latency)));
    }

    void onGap() {
        gaps++;
    }

    /** A subscribed connection closed before the end of the run. */
    void onDisconnect() {
        disconnects++;
    }

    /**
     * Closes every connection's account at {@code lastPublished} and returns the loop's figures; on the loop.
     *
     * @param lastPublished the last seq published (what every connection should have received)
     */
    Snapshot snapshot(long lastPublished) {
        long lost = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        for (LoadClientHandler handler : subscribed) {
            SeqTracker tracker = handler.tracker();
            tracker.finish(lastPublished);
            lost += tracker.lost();
            duplicated += tracker.duplicated();
            outOfOrder += tracker.outOfOrder();
        }
        return new Snapshot(subscribed.size(), latencyMicros.copy(), deliveries, frames, batchFrames, batchItems, gaps,
                disconnects, lost, duplicated, outOfOrder, unexpectedSeqs, firstMeasuredMicros, lastMeasuredMicros);
    }

    /** One loop's figures at the end of a run. */
    record Snapshot(int connections, Histogram latencyMicros, long deliveries, long frames, long batchFrames,
                    long batchItems, long gaps, long disconnects, long lost, long duplicated, long outOfOrder,
                    long unexpectedSeqs, long firstMeasuredMicros, long lastMeasuredMicros) {
    }
}
