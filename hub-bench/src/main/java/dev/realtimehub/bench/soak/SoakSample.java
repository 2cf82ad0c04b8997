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
     * One hub process as sampled: its pid (it changes across a restart; 0 while the node is down) and its heap in use,
     * resident set and open file descriptors ({@code NaN} while it is down or could not be read).
     */
    record NodeReading(long pid, double heapBytes, double rssBytes, double fds) {

        static NodeReading down() {
            return new NodeReading(0, Double.NaN, Double.NaN, Double.NaN);
        }
    }
}
