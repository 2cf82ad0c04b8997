package dev.realtimehub.bench.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one recovering client saw of the chaos topic, across all its connections, kept with the hub's client semantics
 * (docs/API.md, "Delivery" and "Recovery"): the seq of its first subscription (its window starts after it), every
 * event it accepted (seq above the last one seen), the stretches it was told about ({@code recovered:false}, a
 * {@code gap}), and what broke the rules: the same publish accepted twice (under two seqs), a new event behind a later
 * one (out of order), an epoch change. A redelivery of a seq already seen is dropped, as the docs tell clients to.
 * Not thread-safe: the owning client calls it under its own lock.
 */
final class ClientLog {

    /** Out-of-order arrivals described per client, at most. */
    static final int EXAMPLES = 3;

    private final String name;
    private long startSeq = -1;
    private long lastSeq = -1;
    private String epoch;
    /** Accepted events: publish id to the seq it came with. */
    private final Map<String, Long> received = new HashMap<>();
    /** Stretches [from, to] the client was told it missed. */
    private final List<long[]> told = new ArrayList<>();
    private long redelivered;
    private long duplicated;
    private long outOfOrder;
    private long epochChanges;
    /** The first few out-of-order arrivals, described for the report. */
    private final List<String> outOfOrderExamples = new ArrayList<>();
    /** The last subscription reply, for the examples: its seq and whether it recovered. */
    private String lastReply = "none";

    ClientLog(String name) {
        this.name = name;
    }

    /** Whether the client has subscribed once: later subscribes carry {@code since} and {@code epoch}. */
    boolean hasSubscribed() {
        return startSeq >= 0;
    }

    long lastSeq() {
        return lastSeq;
    }

    String epoch() {
        return epoch;
    }

    /** A successful subscription reply: the first one opens the window; a later one without recovery is "told". */
    void subscribed(long seq, String replyEpoch, boolean recovered) {
        lastReply = "seq " + seq + (recovered ? ", recovered" : ", not recovered");
        if (startSeq < 0) {
            startSeq = seq;
            lastSeq = seq;
            epoch = replyEpoch;
            return;
        }
        if (!replyEpoch.equals(epoch)) {
            epochChanges++;
            epoch = replyEpoch;
        }
        if (!recovered) {
            if (seq > lastSeq) {
                told.add(new long[] {lastSeq + 1, seq});
            }
            lastSeq = Math.max(lastSeq, seq);
        }
    }

    /** An event of the topic, live or replayed. */
    void event(String pub, long seq) {
        if (seq <= lastSeq) {
            if (received.containsKey(pub)) {
                redelivered++;
            } else {
                outOfOrder++;
                if (outOfOrderExamples.size() < EXAMPLES) {
                    outOfOrderExamples.add(name + " got seq " + seq + " (" + pub + ") after seq " + lastSeq
                            + (wasTold(seq) ? ", inside a stretch it was told it missed" : "")
                            + "; last subscription reply: " + lastReply);
                }
            }
            return;
        }
        if (received.put(pub, seq) != null) {
            duplicated++;
        }
        lastSeq = seq;
    }

    /** A {@code gap} frame: the hub skipped {@code from}..{@code to} for this connection and said so. */
    void gap(long from, long to) {
        told.add(new long[] {from, to});
        lastSeq = Math.max(lastSeq, to);
    }

    boolean wasTold(long seq) {
        for (long[] stretch : told) {
            if (seq >= stretch[0] && seq <= stretch[1]) {
                return true;
            }
        }
        return false;
    }

    String name() {
        return name;
    }

    long startSeq() {
        return startSeq;
    }

    Map<String, Long> received() {
        return received;
    }

    long redelivered() {
        return redelivered;
    }

    long duplicated() {
        return duplicated;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    long epochChanges() {
        return epochChanges;
    }

    /** The first few out-of-order arrivals: which seq, after which, and what the client had been told. */
    List<String> outOfOrderExamples() {
        return outOfOrderExamples;
    }
}
