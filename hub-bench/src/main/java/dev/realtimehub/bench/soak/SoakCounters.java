package dev.realtimehub.bench.soak;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The soak run's client-side tallies. Thread-safe: every field is an adder or an atomic. */
final class SoakCounters {
    final LongAdder delivered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder gaps = new LongAdder();
    final LongAdder told = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LongAdder churned = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder published = new LongAdder();
    final LongAdder publishRefused = new LongAdder();
    final AtomicInteger connected = new AtomicInteger();
}
