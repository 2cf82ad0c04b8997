package dev.realtimehub.bench.soak;

import java.util.List;

/**
 * One sampling tick of the soak run: seconds since the start, one reading per hub node, the kernel's TCP socket memory
 * (machine-wide, from /proc/net/sockstat), and the clients' figures so far.
 *
 * <p>Immutable.
 */
record SoakSample(double seconds, List<NodeReading> nodes, double tcpMemBytes, long delivered, int connected) {

    SoakSample {
        nodes = List.copyOf(nodes);
    }

    /**
     * One hub process as sampled: its pid (it changes across a restart; 0 while the node is down), its heap in use,
     * the heap left after a full collection the sampler asked for (only every so many samples; {@code NaN} in the
     * others), resident set, open file descriptors and open connections (its {@code hub_connections}) — {@code NaN}
     * while it is down or could not be read.
     */
    record NodeReading(long pid, double heapBytes, double liveHeapBytes, double rssBytes, double fds,
                       double connections) {

        static NodeReading down() {
            return new NodeReading(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }

        /**
         * Open file descriptors that are not client connections. The scenario moves clients between the nodes (a
         * restarted node's clients go to the other one, the churn spreads them back), so the raw count follows the
         * clients; what is left after them must stay flat.
         */
        double fdsBeyondConnections() {
            return fds - connections;
        }
    }
}
