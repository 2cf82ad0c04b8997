package dev.realtimehub.bench.chaos;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What became of every publish of the run, by the publisher's own id (the {@code pub} field of the event): acknowledged
 * with 200 and the seq the answer gave, refused (503, or the node's port refused the connection: the hub never took
 * it), or unknown (504 "outcome unknown", or no answer: the node died mid-request, a timeout) — an unknown publish may or may not be delivered.
 * Any thread.
 */
final class PublishLedger {

    /** The fate of one publish. */
    enum Fate { ACKNOWLEDGED, REFUSED, UNKNOWN }

    /** One publish's fate; {@code seq} is its topic seq when acknowledged, else -1. */
    record Outcome(Fate fate, long seq, int status) {
    }

    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    /** Acknowledged publishes by seq: two publishes acknowledged with one seq is a finding of its own. */
    private final Map<Long, String> bySeq = new ConcurrentHashMap<>();
    private final AtomicLong seqReused = new AtomicLong();
    private final AtomicLong maxAckedSeq = new AtomicLong();

    void acknowledged(String pub, long seq) {
        outcomes.put(pub, new Outcome(Fate.ACKNOWLEDGED, seq, 200));
        if (bySeq.putIfAbsent(seq, pub) != null) {
            seqReused.incrementAndGet();
        }
        maxAckedSeq.accumulateAndGet(seq, Math::max);
    }

    void refused(String pub, int status) {
        outcomes.put(pub, new Outcome(Fate.REFUSED, -1, status));
    }

    void unknown(String pub) {
        outcomes.put(pub, new Outcome(Fate.UNKNOWN, -1, 0));
    }

    /** The outcome of {@code pub}, or null while it is in flight (the checker runs after every publish finished). */
    Outcome outcome(String pub) {
        return outcomes.get(pub);
    }

    /** Every acknowledged publish, seq to id. */
    Map<Long, String> acknowledgedBySeq() {
        return bySeq;
    }

    long maxAckedSeq() {
        return maxAckedSeq.get();
    }

    long seqReused() {
        return seqReused.get();
    }

    long count(Fate fate) {
        return outcomes.values().stream().filter(o -> o.fate() == fate).count();
    }
}
