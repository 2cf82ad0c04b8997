package dev.realtimehub.core.connection;

import java.util.concurrent.atomic.LongAdder;

/** How many recoveries (subscribes with {@code since}) ended in each {@link RecoveryOutcome}; any thread. */
public final class RecoveryCounters {

    private final LongAdder[] counts = new LongAdder[RecoveryOutcome.values().length];

    RecoveryCounters() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void count(RecoveryOutcome outcome) {
        counts[outcome.ordinal()].increment();
    }

    /** Recoveries that ended with {@code outcome}. */
    public long get(RecoveryOutcome outcome) {
        return counts[outcome.ordinal()].sum();
    }
}
