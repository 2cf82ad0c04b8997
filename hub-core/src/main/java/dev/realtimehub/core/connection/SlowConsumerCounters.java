package dev.realtimehub.core.connection;

import java.util.concurrent.atomic.LongAdder;

/** How often connections were degraded (over the soft limit) and disconnected (past the hard limit); any thread. */
public final class SlowConsumerCounters {

    final LongAdder degraded = new LongAdder();
    final LongAdder disconnected = new LongAdder();

    /** Congestions: times a connection went over the soft limit and started skipping events. */
    public long degraded() {
        return degraded.sum();
    }

    /** Connections closed with 4008 for falling too far behind. */
    public long disconnected() {
        return disconnected.sum();
    }
}
