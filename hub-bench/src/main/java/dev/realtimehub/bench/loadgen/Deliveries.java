package dev.realtimehub.bench.loadgen;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What every connection of one load generator process received, summed over its event loops.
 *
 * @param connections connections subscribed (including those that closed later)
 * @param latencyMicros publish-to-receive latency of every measured event received (in the window or late), in
 *     microseconds
 * @param deliveries measured events received inside the measured window (first arrivals only), over all connections
 * @param windowDeliveries every event (warm-up ones included) received while the window was open on the wall clock,
 *     first arrivals only: what the server delivered in the window, the throughput
 * @param lateDeliveries measured events received after the window closed (while draining)
 * @param neverDelivered measured events the server acknowledged that never arrived
 * @param frames frames that carried at least one measured event
 * @param batchFrames of those, {@code batch} frames
 * @param batchItems events inside those batch frames
 * @param gaps {@code gap} frames received (the server said it skipped events for a slow connection)
 * @param disconnects subscribed connections that closed before the end
 * @param slowConsumerCloses of those, closed by the server with 4008 (slow consumer)
 * @param lost acknowledged events never received, warm-up included (summed over connections)
 * @param duplicated events received more than once
 * @param outOfOrder events received after a later one
 * @param unexpectedSeqs events numbered beyond the last one published (should be 0)
 * @param misrouted events a connection received that were not for it: another channel's, or past its filter (should
 *     be 0; they are not deliveries)
 * @param firstMeasuredMicros when the first measured delivery arrived (epoch microseconds, 0: none)
 * @param lastMeasuredMicros when the last one arrived
 * @param closesByCode the disconnects by close code (-1: the connection ended without a close frame)
 */
record Deliveries(int connections, Histogram latencyMicros, long deliveries, long windowDeliveries,
                  long lateDeliveries,
                  long neverDelivered, long frames, long batchFrames, long batchItems, long gaps, long disconnects,
                  long slowConsumerCloses, long lost, long duplicated, long outOfOrder, long unexpectedSeqs,
                  long misrouted, long firstMeasuredMicros, long lastMeasuredMicros, Map<Integer, Long> closesByCode) {

    /**
     * Deliveries received while the measured window was open divided by the window: what the server delivered per
     * second, whichever events it was delivering — a server that falls behind shows it, and one that holds its
     * publisher is not mistaken for one that delivers nothing.
     */
    double perSecond(double windowSeconds) {
        return windowSeconds <= 0 ? 0 : windowDeliveries / windowSeconds;
    }

    /** The sum of every loop's figures. */
    static Deliveries sum(List<LoopTally.Snapshot> loops) {
        Histogram latency = new Histogram(LoopTally.HIGHEST_MICROS, 3);
        int connections = 0;
        long[] t = new long[15];
        long first = 0;
        long last = 0;
        Map<Integer, Long> closes = new TreeMap<>();
        for (LoopTally.Snapshot loop : loops) {
            loop.closesByCode().forEach((code, count) -> closes.merge(code, count, Long::sum));
            latency.add(loop.latencyMicros());
            connections += loop.connections();
            t[0] += loop.deliveries();
            t[1] += loop.lateDeliveries();
            t[2] += loop.neverDelivered();
            t[3] += loop.frames();
            t[4] += loop.batchFrames();
            t[5] += loop.batchItems();
            t[6] += loop.gaps();
            t[7] += loop.disconnects();
            t[8] += loop.slowConsumerCloses();
            t[9] += loop.lost();
            t[10] += loop.duplicated();
            t[11] += loop.outOfOrder();
            t[12] += loop.unexpectedSeqs();
            t[13] += loop.windowDeliveries();
            t[14] += loop.misrouted();
            if (loop.firstMeasuredMicros() != 0) {
                first = first == 0 ? loop.firstMeasuredMicros() : Math.min(first, loop.firstMeasuredMicros());
                last = Math.max(last, loop.lastMeasuredMicros());
            }
        }
        return new Deliveries(connections, latency, t[0], t[13], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9],
                t[10], t[11], t[12], t[14], first, last, closes);
    }
}
