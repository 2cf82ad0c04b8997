package dev.realtimehub.bench.soak;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The soak run's client-side tallies. Thread-safe: every field is an adder or an atomic. */
final class SoakCounters {
    final LongAdder delivered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    /** Events that arrived on a connection the churn had already replaced: neither delivered nor duplicates. */
    final LongAdder stale = new LongAdder();
    final LongAdder gaps = new LongAdder();
    final LongAdder told = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LongAdder churned = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    /** Connections open but not subscribed within the subscribe timeout, given up (their clients reconnect). */
    final LongAdder subscribeTimeouts = new LongAdder();
    final LongAdder published = new LongAdder();
    final LongAdder publishRefused = new LongAdder();
    final AtomicInteger connected = new AtomicInteger();
    /** Connections the hub (or the network) ended, by close code; -1: ended without a close frame (an error). */
    final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();

    void closed(int code) {
        closes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** The close tally, sorted by code. */
    Map<Integer, Long> closesByCode() {
        Map<Integer, Long> sorted = new ConcurrentSkipListMap<>();
        closes.forEach((code, count) -> sorted.put(code, count.sum()));
        return sorted;
    }
}
