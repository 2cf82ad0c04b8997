package dev.realtimehub.core.delivery;

import java.util.Arrays;

/**
 * The publish-to-write latencies of every lane, summed when read: how many fell into each bucket of
 * {@link LaneCounters#LATENCY_BOUNDS_NANOS} (not cumulative; the last entry is the open bucket above the largest bound),
 * their count and their sum.
 *
 * <p>Immutable.
 */
public final class LatencySnapshot {

    private final long[] buckets;
    private final long sumNanos;

    /** A snapshot of {@code buckets} (copied) and {@code sumNanos}. */
    public LatencySnapshot(long[] buckets, long sumNanos) {
        if (buckets.length != LaneCounters.LATENCY_BOUNDS_NANOS.length + 1) {
            throw new IllegalArgumentException("expected " + (LaneCounters.LATENCY_BOUNDS_NANOS.length + 1)
                    + " buckets but got " + buckets.length);
        }
        this.buckets = buckets.clone();
        this.sumNanos = sumNanos;
    }

    /** How many latencies fell into bucket {@code index} (at most its bound, above the previous one). */
    public long bucket(int index) {
        return buckets[index];
    }

    /** How many buckets there are: one per bound plus the open one. */
    public int bucketCount() {
        return buckets.length;
    }

    /** How many latencies were recorded. */
    public long count() {
        return Arrays.stream(buckets).sum();
    }

    /** The sum of every recorded latency, in nanoseconds. */
    public long sumNanos() {
        return sumNanos;
    }
}
