package dev.realtimehub.bench.loadgen;

import java.util.List;

/**
 * The outcome of one load generator process: its connections, what it published (if it did), what its connections
 * received, and the server and load generator processes over the measured window. {@link ReportJson} renders it as the
 * one JSON line the process prints.
 *
 * @param settings what the process was asked to do
 * @param role {@code publisher} (publishes and holds connections), {@code holder} (only holds connections) or
 *     {@code idle} (no events at all)
 * @param connect how the connections were established
 * @param publish how publishing went, or {@code null} when this process did not publish
 * @param deliveries what the connections received
 * @param servers each server process over the measured window (empty when none could be read)
 * @param heap heap samples of the first server process (empty unless asked for)
 * @param heapError why heap sampling failed, or {@code null}
 * @param self the load generator over the measured window, or {@code null} if the window never closed
 * @param reconnects how closed connections came back, or {@code null} when they do not (no reconnect storm)
 */
public record LoadReport(LoadGenSettings settings, String role, Connector.Result connect, Publisher.Result publish,
                         Deliveries deliveries, List<WindowProbe.ServerWindow> servers,
                         List<HeapSampler.Sample> heap, String heapError, WindowProbe.SelfWindow self,
                         Reconnects.Summary reconnects) {

    /** Connections established and subscribed. */
    public int connections() {
        return connect.subscribed();
    }

    /** Events accepted by the server (0 when this process did not publish). */
    public long published() {
        return publish == null ? 0 : publish.published();
    }

    /** Measured events received inside the measured window, over all connections. */
    public long measuredDeliveries() {
        return deliveries.deliveries();
    }

    /**
     * What {@link #measuredDeliveries()} should be: every acknowledged measured event on every connection, in the
     * window ({@link Deliveries#deliveries}), late ({@link Deliveries#lateDeliveries}) or never
     * ({@link Deliveries#neverDelivered}).
     */
    public long expectedDeliveries() {
        return deliveries.deliveries() + deliveries.lateDeliveries() + deliveries.neverDelivered();
    }

    /** Events never received, over all connections. */
    public long lost() {
        return deliveries.lost();
    }

    /** Events received twice or more, over all connections. */
    public long duplicated() {
        return deliveries.duplicated();
    }

    /** Events received after a later one, over all connections. */
    public long outOfOrder() {
        return deliveries.outOfOrder();
    }

    /** Deliveries received inside the measured window per second of it (see {@link Deliveries#perSecond}). */
    public double deliveriesPerSecond() {
        return deliveries.perSecond(settings.durationSeconds());
    }

    /** Whether the load generator itself was the bottleneck. */
    public boolean saturated() {
        return self != null && self.saturated();
    }

    /** The rendered JSON line. */
    public String toJson() {
        return ReportJson.render(this);
    }
}
