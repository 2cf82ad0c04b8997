package dev.realtimehub.bench.loadgen;

/**
 * One connection's account of the benchmark sequence numbers it received: the next one expected, what was skipped
 * (lost), what came twice (duplicated) and what came late, after a later one (out of order).
 *
 * <p>The publisher numbers events 1, 2, 3, … and every connection is subscribed before the first is published, so a
 * connection expects exactly that sequence. A jump counts the skipped numbers as lost and remembers them as missing
 * ranges; a number below the expected one is either a missing one arriving late (out of order, no longer lost) or a
 * duplicate. At most {@value #MAX_RANGES} missing ranges are remembered; past that, late arrivals of forgotten ranges
 * count as duplicates (a run that loses that often has a bigger problem than the split between the two).
 *
 * <p>Not thread-safe: confined to the connection's event loop.
 */
final class SeqTracker {

    static final int MAX_RANGES = 64;

    private long next = 1;
    private long received;
    private long lost;
    private long duplicated;
    private long outOfOrder;
    /** Missing ranges as inclusive pairs {from, to}; allocated on the first gap. */
    private long[] missing;
    private int missingRanges;

    /**
     * Accounts for one received number.
     *
     * @return {@code true} if it is the first arrival of {@code seq} (it counts as a delivery)
     */
    boolean onSeq(long seq) {
        if (seq == next) {
            next++;
            received++;
            return true;
        }
        if (seq > next) {
            remember(next, seq - 1);
            lost += seq - next;
            next = seq + 1;
            received++;
            return true;
        }
        if (forget(seq)) {
            lost--;
            outOfOrder++;
            received++;
            return true;
        }
        duplicated++;
        return false;
    }

    /** Counts everything up to {@code lastPublished} that never arrived as lost; call once, at the end of a run. */
    void finish(long lastPublished) {
        if (lastPublished >= next) {
            lost += lastPublished - next + 1;
            next = lastPublished + 1;
        }
    }

    /** Distinct numbers received. */
    long received() {
        return received;
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

    private void remember(long from, long to) {
        if (missing == null) {
            missing = new long[8];
        }
        if (missingRanges == MAX_RANGES) {
            return;
        }
        if (2 * missingRanges + 2 > missing.length) {
            missing = java.util.Arrays.copyOf(missing, missing.length * 2);
        }
        missing[2 * missingRanges] = from;
        missing[2 * missingRanges + 1] = to;
        missingRanges++;
    }

    /** Removes {@code seq} from the missing ranges; false if it was not missing. */
    private boolean forget(long seq) {
        for (int i = 0; i < missingRanges; i++) {
            long from = missing[2 * i];
            long to = missing[2 * i + 1];
            if (seq < from || seq > to) {
                continue;
            }
            if (from == to) {
                int tail = missingRanges - i - 1;
                System.arraycopy(missing, 2 * i + 2, missing, 2 * i, 2 * tail);
                missingRanges--;
            } else if (seq == from) {
                missing[2 * i] = seq + 1;
            } else if (seq == to) {
                missing[2 * i + 1] = seq - 1;
            } else {
                // split [from, to] into [from, seq-1] and [seq+1, to]; when full, the upper part is forgotten
                missing[2 * i + 1] = seq - 1;
                remember(seq + 1, to);
            }
            return true;
        }
        return false;
    }
}
