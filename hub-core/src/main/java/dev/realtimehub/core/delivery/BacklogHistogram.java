package dev.realtimehub.core.delivery;

import java.util.Arrays;

/**
 * How many connections have how many bytes queued, in powers of two: what "typical" means when a connection's backlog
 * is compared with its peers'. Bucket 0 holds empty queues, bucket {@code b} those of {@code 2^(b-1)} to
 * {@code 2^b - 1} bytes; the typical backlog is the upper bound of the bucket holding the lower median, so it is never
 * below the real median and at most twice it — a connection judged far behind it is far behind indeed.
 *
 * <p>Not thread-safe: one lane fills one histogram; sums across lanes are taken from copies.
 */
public final class BacklogHistogram {

    /** Buckets: an empty queue, then one per bit of a non-negative long. */
    static final int BUCKETS = 64;

    private final long[] counts = new long[BUCKETS];
    private long total;

    /** Counts one connection with {@code queuedBytes} queued. */
    public void add(long queuedBytes) {
        counts[bucket(queuedBytes)]++;
        total++;
    }

    /** Adds every count of {@code other}. */
    public void addAll(BacklogHistogram other) {
        for (int b = 0; b < BUCKETS; b++) {
            counts[b] += other.counts[b];
        }
        total += other.total;
    }

    /** Forgets every count. */
    public void clear() {
        Arrays.fill(counts, 0);
        total = 0;
    }

    /** How many connections were counted. */
    public long count() {
        return total;
    }

    /** The typical backlog in bytes: the upper bound of the lower median's bucket; 0 when nothing was counted. */
    public long typical() {
        if (total == 0) {
            return 0;
        }
        long rank = (total + 1) / 2; // the lower median, counted from 1
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return upperBound(b);
            }
        }
        return Long.MAX_VALUE;
    }

    /** A copy, for readers on other threads. */
    public BacklogHistogram copy() {
        BacklogHistogram copy = new BacklogHistogram();
        copy.addAll(this);
        return copy;
    }

    static int bucket(long queuedBytes) {
        return queuedBytes <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(queuedBytes);
    }

    static long upperBound(int bucket) {
        return bucket == 0 ? 0 : bucket >= 63 ? Long.MAX_VALUE : (1L << bucket) - 1;
    }
}
