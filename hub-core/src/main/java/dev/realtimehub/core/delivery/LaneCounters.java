package dev.realtimehub.core.delivery;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import dev.realtimehub.core.api.Frame;

/**
 * What one lane wrote to its connections: events per topic, payload bytes, and the publish-to-write latency of its
 * fan-out, in fixed buckets.
 *
 * <p>Threading: written by the lane's thread only, so a write is a plain increment published with an opaque store — no
 * lock, no atomic read-modify-write, no allocation. Any thread may read; a reader sees each counter whole (opaque loads
 * never tear a long) and close to current, which is what a metrics scrape needs. Sums over lanes are taken when read.
 */
public final class LaneCounters {

    /** Upper bounds of the latency buckets, in nanoseconds (0.1 ms to 10 s); a last, open bucket takes the rest. */
    public static final long[] LATENCY_BOUNDS_NANOS = {
        100_000L, 250_000L, 500_000L,
        1_000_000L, 2_500_000L, 5_000_000L,
        10_000_000L, 25_000_000L, 50_000_000L,
        100_000_000L, 150_000_000L, 250_000_000L, 500_000_000L,
        1_000_000_000L, 2_500_000_000L, 5_000_000_000L, 10_000_000_000L,
    };

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int BYTES = 0;
    private static final int LATENCY_SUM = 1;
    private static final int LATENCY = 2;
    private static final int DELIVERED = LATENCY + LATENCY_BOUNDS_NANOS.length + 1;

    /** Every counter of this lane in one array: bytes, latency sum, latency buckets, events per topic. */
    private final long[] slots;
    private final int topicCount;

    /** Counters for a catalog of {@code topicCount} topics. */
    public LaneCounters(int topicCount) {
        if (topicCount < 0) {
            throw new IllegalArgumentException("topicCount must be >= 0, was " + topicCount);
        }
        this.topicCount = topicCount;
        this.slots = new long[DELIVERED + topicCount];
    }

    // ---- lane only ----

    /** Counts {@code frame} of topic {@code topicIndex} written to one connection. */
    public void wrote(int topicIndex, Frame frame) {
        add(BYTES, frame.size());
        if (topicIndex >= 0 && topicIndex < topicCount) {
            add(DELIVERED + topicIndex, frame.events());
        }
    }

    /** Counts a reply or control frame (no event) written to one connection. */
    public void wroteControl(Frame frame) {
        add(BYTES, frame.size());
    }

    /** Records one publish-to-write latency. */
    public void latency(long nanos) {
        long value = Math.max(0, nanos);
        int bucket = 0;
        while (bucket < LATENCY_BOUNDS_NANOS.length && value > LATENCY_BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        add(LATENCY + bucket, 1);
        add(LATENCY_SUM, value);
    }

    private void add(int slot, long amount) {
        SLOTS.setOpaque(slots, slot, slots[slot] + amount);
    }

    // ---- any thread ----

    /** Payload bytes written (JSON text of every frame, without WebSocket framing). */
    public long bytesOut() {
        return read(BYTES);
    }

    /** Events of topic {@code topicIndex} written to connections (a batch of N counts N, per connection). */
    public long delivered(int topicIndex) {
        return topicIndex >= 0 && topicIndex < topicCount ? read(DELIVERED + topicIndex) : 0;
    }

    /** Adds this lane's latency figures into {@code buckets} (one per bound, then the open bucket) and returns the sum. */
    public long addLatency(long[] buckets) {
        for (int i = 0; i <= LATENCY_BOUNDS_NANOS.length; i++) {
            buckets[i] += read(LATENCY + i);
        }
        return read(LATENCY_SUM);
    }

    private long read(int slot) {
        return (long) SLOTS.getOpaque(slots, slot);
    }
}
