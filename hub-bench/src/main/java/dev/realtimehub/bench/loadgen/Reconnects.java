package dev.realtimehub.bench.loadgen;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reconnect storm's side of the load generator: a subscribed connection the server closes comes back as the hub's
 * own browser client does (clients/js, reconnect.js): after a random delay of 0..{@code jitterMillis} after 1001, then,
 * while attempts fail, after a full-jitter exponential backoff — a random 0..min(30 s, 1 s × 2^n) before attempt n
 * counted from the drain attempt as 0 (0–2 s, 0–4 s, 0–8 s, …) — and resubscribes with {@code since} and
 * {@code epoch}; this counts how that went.
 *
 * <p>Thread-safe.
 */
final class Reconnects {

    private final long jitterMillis;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final LongAdder disconnected = new LongAdder();
    private final LongAdder attemptsFailed = new LongAdder();
    private final LongAdder recovered = new LongAdder();
    private final LongAdder notRecovered = new LongAdder();
    private final AtomicLong firstDisconnectMicros = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastRecoveredMicros = new AtomicLong();
    private final AtomicLong maxDowntimeMicros = new AtomicLong();

    Reconnects(long jitterMillis) {
        this.jitterMillis = jitterMillis;
    }

    /** How long a closed connection waits before its first attempt. */
    long firstDelayMillis() {
        return jitterMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMillis + 1);
    }

    /** The browser client's backoff ceilings: {@code reconnectBaseMs} and {@code reconnectMaxMs} of clients/js. */
    static final long BACKOFF_BASE_MS = 1_000;
    static final long BACKOFF_MAX_MS = 30_000;

    /** How long to wait before attempt {@code attempt} (1 after the failed drain attempt) once attempts failed. */
    long retryDelayMillis(int attempt) {
        long ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS << Math.min(attempt, 20));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    /** From now on closes are the run ending, not the server: nothing reconnects. */
    void stop() {
        stopping.set(true);
    }

    boolean stopping() {
        return stopping.get();
    }

    void onDisconnect(long nowMicros) {
        disconnected.increment();
        firstDisconnectMicros.accumulateAndGet(nowMicros, Math::min);
    }

    void onAttemptFailed() {
        attemptsFailed.increment();
    }

    /** A resubscription was answered: {@code recovered} says whether the hub replays what was missed. */
    void onResubscribed(boolean ok, long disconnectedMicros, long nowMicros) {
        if (ok) {
            recovered.increment();
        } else {
            notRecovered.increment();
        }
        lastRecoveredMicros.accumulateAndGet(nowMicros, Math::max);
        maxDowntimeMicros.accumulateAndGet(nowMicros - disconnectedMicros, Math::max);
    }

    /** Resubscriptions answered so far, recovered or not. */
    long resubscribed() {
        return recovered.sum() + notRecovered.sum();
    }

    /** Whether every connection the server closed has been answered a resubscription (read-only of the counters). */
    boolean everyoneBack() {
        return resubscribed() >= disconnected.sum();
    }

    /** The figures so far. */
    Summary summary() {
        long first = firstDisconnectMicros.get();
        return new Summary(disconnected.sum(), attemptsFailed.sum(), recovered.sum(), notRecovered.sum(),
                first == Long.MAX_VALUE ? 0 : first, lastRecoveredMicros.get(), maxDowntimeMicros.get() / 1e6);
    }

    /**
     * How the reconnects went: closes by the server, attempts that failed (server down or refusing), resubscriptions
     * with {@code "recovered":true} and without, when the first close and the last resubscription happened (epoch
     * microseconds, comparable between processes), and the longest one client was away.
     */
    record Summary(long disconnected, long attemptsFailed, long recovered, long notRecovered,
                   long firstDisconnectMicros, long lastResubscribedMicros, double maxDowntimeSeconds) {
    }
}
