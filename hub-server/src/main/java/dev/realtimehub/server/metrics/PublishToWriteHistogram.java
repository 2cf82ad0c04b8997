package dev.realtimehub.server.metrics;

import dev.realtimehub.core.engine.HubCounters;
import dev.realtimehub.core.delivery.LaneCounters;
import dev.realtimehub.core.delivery.LatencySnapshot;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * {@code hub_publish_to_write_seconds}: how long events took from being accepted on this node (or received from the
 * broker) to being written to the connections of an event loop — including the time a throttled event waited in its
 * window — as a Prometheus histogram with fixed buckets from 0.1 ms to 10 s.
 *
 * <p>Core records each fan-out in per-lane buckets without locks or allocation; this collector sums the lanes when
 * scraped. It is registered straight on the Prometheus registry because Micrometer has no meter for a histogram that
 * is counted elsewhere. Thread-safe.
 */
final class PublishToWriteHistogram implements Collector {

    static final String NAME = "hub_publish_to_write_seconds";

    private static final double[] BOUNDS_SECONDS = bounds();

    private final HubCounters counters;

    PublishToWriteHistogram(HubCounters counters) {
        this.counters = counters;
    }

    private static double[] bounds() {
        long[] nanos = LaneCounters.LATENCY_BOUNDS_NANOS;
        double[] seconds = new double[nanos.length + 1];
        for (int i = 0; i < nanos.length; i++) {
            seconds[i] = nanos[i] / 1e9;
        }
        seconds[nanos.length] = Double.POSITIVE_INFINITY;
        return seconds;
    }

    @Override
    public MetricSnapshot collect() {
        LatencySnapshot latency = counters.publishToWrite();
        long[] counts = new long[latency.bucketCount()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = latency.bucket(i);
        }
        return HistogramSnapshot.builder()
                .name(NAME)
                .help("Time from an event's acceptance on this node to its write to the connections of one event loop")
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS_SECONDS, counts))
                        .sum(latency.sumNanos() / 1e9)
                        .build())
                .build();
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }
}
