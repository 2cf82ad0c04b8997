package dev.realtimehub.core.delivery;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one topic's delivery; any thread may add, readers see a close-enough sum. */
public final class DeliveryStats {

    final LongAdder published = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder merged = new LongAdder();
    final LongAdder conflated = new LongAdder();
    final LongAdder frames = new LongAdder();

    /** Events accepted on the topic. */
    public long published() {
        return published.sum();
    }

    /** Events held back in a throttling window instead of going out at once. */
    public long throttled() {
        return throttled.sum();
    }

    /** Events delivered inside {@code batch} frames. */
    public long merged() {
        return merged.sum();
    }

    /** Events replaced by a newer one with the same key before they were sent. */
    public long conflated() {
        return conflated.sum();
    }

    /** Frames fanned out (single events and batches). */
    public long frames() {
        return frames.sum();
    }
}
