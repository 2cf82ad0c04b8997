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
 * <p>On a run of channels or filters ({@link Audience}) the connection is owed only the numbers of its slot: every
 * {@code slots}-th number from {@code slot + 1}. One arriving from another slot is {@code misrouted} (a channel or a
 * filter the server got wrong) and is not a delivery; one bit per owed number, so 10,000 connections on 10,000 channels
 * cost a few bytes each. Out of order and duplicates are judged among the numbers of the slot, which are one channel's
 * (or one filter's) events: the account is per connection and per channel.
 *
 * <p>Not thread-safe: confined to the connection's event loop.
 */
final class SeqTracker {

    /** The bits of received owed numbers: number {@code s} of the slot is bit {@code (s - 1) / slots + 1}. */
    private final BitSet received = new BitSet();
    private final int slot;
    private final int slots;
    private long count;
    private long misrouted;
    private long highest;
    private long duplicated;
    private long outOfOrder;
    private long lost;

    /** The account of a connection owed every number (a flat topic). */
    SeqTracker() {
        this(0, 1);
    }

    /** The account of a connection owed the numbers of {@code slot} of {@code slots} ({@link Audience#slotOfSeq}). */
    SeqTracker(int slot, int slots) {
        if (slots < 1 || slot < 0 || slot >= slots) {
            throw new IllegalArgumentException("slot " + slot + " of " + slots);
        }
        this.slot = slot;
        this.slots = slots;
    }

    /**
     * Accounts for one received number.
     *
     * @return {@code true} if it is the first arrival of {@code seq} and {@code seq} is owed to this connection (it
     *     counts as a delivery)
     */
    boolean onSeq(long seq) {
        if (seq < 1 || seq > Integer.MAX_VALUE) {
            return false;
        }
        if (!owes(seq)) {
            misrouted++;
            return false;
        }
        int bit = bit(seq);
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

    /** Acknowledged numbers of [{@code from}, {@code to}] owed to this connection that never arrived. */
    long missing(long from, long to, BitSet acked) {
        if (to < from) {
            return 0;
        }
        if (slots > 1) {
            long missing = 0;
            long first = Math.max(1, from);
            long seq = first + Math.floorMod(slot - Audience.slotOfSeq(first, slots), slots);
            for (; seq <= to && seq <= Integer.MAX_VALUE; seq += slots) {
                if ((acked == null || acked.get((int) seq)) && !received.get(bit(seq))) {
                    missing++;
                }
            }
            return missing;
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

    /** Whether number {@code seq} is owed to this connection (it is of its slot). */
    boolean owes(long seq) {
        return slots == 1 || Audience.slotOfSeq(seq, slots) == slot;
    }

    private int bit(long seq) {
        return slots == 1 ? (int) seq : (int) ((seq - 1) / slots) + 1;
    }

    /** Numbers received that were of another slot: delivered to the wrong channel or past the filter. */
    long misrouted() {
        return misrouted;
    }

    /** Distinct owed numbers received. */
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
