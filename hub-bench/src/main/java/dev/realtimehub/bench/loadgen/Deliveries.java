package dev.realtimehub.bench.loadgen;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What every connection of one load generator process received, summed over its event loops.
 *
 * @param connections connections subscribed (including those that closed later)
 * @param latencyMicros publish-to-receive latency of every measured delivery, in microseconds
 * @param deliveries measured events received (first arrivals only), over all connections
 * @param frames frames that carried at least one measured event
 * @param batchFrames of those, {@code batch} frames
 * @param batchItems events inside those batch frames
 * @param gaps {@code gap} frames received (the server said it skipped events for a slow connection)
 * @param disconnects subscribed connections that closed before the end
 * @param lost events never received (summed over connections)
 * @param duplicated events received more than once
 * @param outOfOrder events received after a later one
 * @param unexpectedSeqs events numbered beyond the last one published (should be 0)
 * @param firstMeasuredMicros when the first measured delivery arrived (epoch microseconds, 0: none)
 * @param lastMeasuredMicros when the last one arrived
 */
record Deliveries(int connections, Histogram latencyMicros, long deliveries, long frames, long batchFrames,
                  long batchItems, long gaps, long disconnects, long lost, long duplicated, long outOfOrder,
                  long unexpectedSeqs, long firstMeasuredMicros, long lastMeasuredMicros) {

    /**
     * Measured deliveries per second of wall clock, from the first of them to the last: the rate asked for when the
     * server keeps up, what it really delivers when it cannot (and the measured events arrive over a longer time).
     */
    double perSecond(double windowSeconds) {
        double span = (lastMeasuredMicros - firstMeasuredMicros) / 1e6;
        return deliveries == 0 ? 0 : deliveries / Math.max(span, windowSeconds);
    }

    /** The sum of every loop's figures. */
    static Deliveries sum(List<LoopTally.Snapshot> loops) {
        Histogram latency = new Histogram(LoopTally.HIGHEST_MICROS, 3);
        int connections = 0;
        long deliveries = 0;
        long frames = 0;
        long batchFrames = 0;
        long batchItems = 0;
        long gaps = 0;
        long disconnects = 0;
        long lost = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        long unexpected = 0;
        long first = 0;
        long last = 0;
        for (LoopTally.Snapshot loop : loops) {
            latency.add(loop.latencyMicros());
            connections += loop.connections();
            deliveries += loop.deliveries();
            frames += loop.frames();
            batchFrames += loop.batchFrames();
            batchItems += loop.batchItems();
            gaps += loop.gaps();
            disconnects += loop.disconnects();
            lost += loop.lost();
            duplicated += loop.duplicated();
            outOfOrder += loop.outOfOrder();
            unexpected += loop.unexpectedSeqs();
            if (loop.firstMeasuredMicros() != 0) {
                first = first == 0 ? loop.firstMeasuredMicros() : Math.min(first, loop.firstMeasuredMicros());
                last = Math.max(last, loop.lastMeasuredMicros());
            }
        }
        return new Deliveries(connections, latency, deliveries, frames, batchFrames, batchItems, gaps, disconnects,
                lost, duplicated, outOfOrder, unexpected, first, last);
    }
}
