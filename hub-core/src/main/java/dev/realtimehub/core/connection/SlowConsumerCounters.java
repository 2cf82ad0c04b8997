package dev.realtimehub.core.connection;

import java.util.concurrent.atomic.LongAdder;

/**
 * How often connections were degraded (over the soft limit) and disconnected with 4008 (lagging their peers past the
 * hard limit, or no read progress for {@code limits.stall-ms}), and how many of those closes were for the stall; any
 * thread.
 */
public final class SlowConsumerCounters {

    final LongAdder degraded = new LongAdder();
    final LongAdder disconnected = new LongAdder();
    final LongAdder stalled = new LongAdder();

    /** Congestions: times a connection went over the soft limit and started skipping events. */
    public long degraded() {
        return degraded.sum();
    }

    /** Connections closed with 4008: far behind their peers past the hard limit, or stalled. */
    public long disconnected() {
        return disconnected.sum();
    }

    /** Of {@link #disconnected()}, those closed for making no read progress for {@code limits.stall-ms}. */
    public long stalled() {
        return stalled.sum();
    }
}
