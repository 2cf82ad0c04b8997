package dev.realtimehub.bench.loadgen;

import java.util.BitSet;

/**
 * One connection's account of the benchmark sequence numbers it received: which ones arrived (a bit each), what came
 * twice (duplicated) and what came after a later one (out of order); at the end, which acknowledged ones never came
 * (lost).
 *
 * <p>The publisher numbers events 1, 2, 3, … and every connection is subscribed before the first is published, so a
 * connection owes every number the server acknowledged. A publish the server refused (503) or that failed is not
 * owed, so the account is closed against the set of acknowledged numbers, not against a count. One bit per event of
 * the run (a 13 s run at 500/s: 800 bytes per connection).
 *
 * <p>Not thread-safe: confined to the connection's event loop.
 */
final class SeqTracker {

    private final BitSet received = new BitSet();
    private long count;
    private long highest;
    private long duplicated;
    private long outOfOrder;
    private long lost;

    /**
     * Accounts for one received number.
     *
     * @return {@code true} if it is the first arrival of {@code seq} (it counts as a delivery)
     */
    boolean onSeq(long seq) {
        if (seq < 1 || seq > Integer.MAX_VALUE) {
            return false;
        }
        int bit = (int) seq;
        if (received.get(bit)) {
            duplicated++;
            return false;
        }
        received.set(bit);
        count++;
        if (seq < highest) {
            outOfOrder++;
        } else {
            highest = seq;
        }
        return true;
    }

    /** Counts every number of 1..{@code lastPublished} that never arrived as lost; call once, at the end of a run. */
    void finish(long lastPublished) {
        finish(lastPublished, null);
    }

    /**
     * Counts as lost every number of 1..{@code lastPublished} that the server acknowledged ({@code acked}; {@code null}:
     * all of them) and that never arrived; call once, at the end of a run.
     */
    void finish(long lastPublished, BitSet acked) {
        lost = missing(1, lastPublished, acked);
    }

    /** Acknowledged numbers of [{@code from}, {@code to}] that never arrived ({@code acked} null: all are). */
    long missing(long from, long to, BitSet acked) {
        if (to < from) {
            return 0;
        }
        int lo = (int) Math.max(1, from);
        int hi = (int) Math.min(Integer.MAX_VALUE - 1, to) + 1;
        BitSet owed = new BitSet(hi);
        if (acked == null) {
            owed.set(lo, hi);
        } else {
            owed.or(acked.get(0, hi));
            owed.clear(0, lo);
        }
        owed.andNot(received);
        return owed.cardinality();
    }

    /** Distinct numbers received. */
    long received() {
        return count;
    }

    long lost() {
        return lost;
    }

    long duplicated() {
        return duplicated;
    }

    long outOfOrder() {
        return outOfOrder;
    }
}
