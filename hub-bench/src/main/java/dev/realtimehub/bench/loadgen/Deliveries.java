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
 */
record Deliveries(int connections, Histogram latencyMicros, long deliveries, long frames, long batchFrames,
                  long batchItems, long gaps, long disconnects, long lost, long duplicated, long outOfOrder,
                  long unexpectedSeqs) {

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
        }
        return new Deliveries(connections, latency, deliveries, frames, batchFrames, batchItems, gaps, disconnects,
                lost, duplicated, outOfOrder, unexpected);
    }
}
