package dev.realtimehub.bench.loadgen;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the Unix epoch, for publish-to-receive latency that holds across processes.
 *
 * <p>Every process anchors {@code CLOCK_REALTIME} (read with microsecond precision through {@link Instant#now()}) once,
 * then advances it with the monotonic {@link System#nanoTime()}: reading stays cheap and never jumps, and two processes
 * on the same machine agree to within the few microseconds the anchoring takes. So one process may stamp an event and
 * another measure its arrival. Over a run of minutes an NTP slew of the wall clock is negligible next to the
 * milliseconds measured.
 *
 * <p>Thread-safe.
 */
public final class LatencyClock {

    private static final long ANCHOR_NANOS;
    private static final long ANCHOR_MICROS;

    static {
        // take the pair whose readings are closest together, so the anchor is not off by a preemption
        long bestNanos = 0;
        long bestMicros = 0;
        long bestSpread = Long.MAX_VALUE;
        for (int i = 0; i < 16; i++) {
            long before = System.nanoTime();
            Instant now = Instant.now();
            long after = System.nanoTime();
            if (after - before < bestSpread) {
                bestSpread = after - before;
                bestNanos = before + (after - before) / 2;
                bestMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
            }
        }
        ANCHOR_NANOS = bestNanos;
        ANCHOR_MICROS = bestMicros;
    }

    private LatencyClock() {
    }

    /** Microseconds since the epoch, now. */
    public static long nowMicros() {
        return ANCHOR_MICROS + (System.nanoTime() - ANCHOR_NANOS) / 1_000;
    }

    /** The wall-clock microseconds that correspond to a {@link System#nanoTime()} reading. */
    public static long microsAt(long nanoTime) {
        return ANCHOR_MICROS + (nanoTime - ANCHOR_NANOS) / 1_000;
    }
}
