package dev.realtimehub.core.connection;

import dev.realtimehub.core.spi.Session;

/**
 * Whether one connection keeps pace: the slow-consumer judgement, apart from the connection's other state.
 *
 * <p>A connection is <em>far behind</em> when its queue is past the soft limit and more than {@link #LAG_FACTOR}
 * times the typical queue of its peers. Only one that stays far behind for {@link #LAG_GRACE_MS} is degraded — a
 * reader that pauses for a moment (a busy tab, a garbage collection) catches up on its own — and only one that is far
 * behind is ever closed for its backlog. Everyone behind together is overload, which holds publishers instead. Apart
 * from that, a connection with bytes queued whose reads make no progress for the stall time is closed whatever its
 * peers do: a frozen tab must not hold a hub's publishers back.
 *
 * <p>Lane only, as its {@link Connection}.
 */
final class ConnectionPace {

    /** How many times the typical backlog a connection's must exceed to be far behind its peers. */
    static final int LAG_FACTOR = 4;
    /** How long a connection must stay far behind before it is degraded. */
    static final long LAG_GRACE_MS = 1_000;

    /** What a review found. */
    enum Verdict {
        /** Nothing to do. */
        KEEP,
        /** Far behind for the grace: skip events from now on. */
        DEGRADE,
        /** Bytes queued and no read progress for the stall time: close with 4008. */
        STALLED
    }

    private final long softBytes;
    private final long stallMs;
    /** The peers' typical backlog at the last review. */
    private long typicalBytes;
    /** Since when the connection has been far behind; -1 while it is not. */
    private long behindSince = -1;
    /** The most bytes the session had sent at a review, and when that rose last. */
    private long sentMark = Long.MIN_VALUE;
    private long progressAt;

    ConnectionPace(long softBytes, long stallMs, long nowMillis) {
        this.softBytes = softBytes;
        this.stallMs = stallMs;
        this.progressAt = nowMillis;
    }

    /** Whether {@code queuedBytes} is far behind the peers' typical backlog at the last review. */
    boolean farBehind(long queuedBytes) {
        return queuedBytes > softBytes && queuedBytes > LAG_FACTOR * typicalBytes;
    }

    /**
     * Reviews the connection with {@code queuedBytes} queued and {@code sentBytes} sent so far
     * ({@link Session#UNKNOWN_SENT}: the transport cannot tell, and the connection is never judged stalled), against
     * its peers' {@code typical} backlog.
     */
    Verdict review(long nowMillis, long queuedBytes, long sentBytes, long typical) {
        typicalBytes = typical;
        boolean known = sentBytes != Session.UNKNOWN_SENT;
        if (known && (sentBytes > sentMark || queuedBytes == 0)) {
            sentMark = Math.max(sentMark, sentBytes);
            progressAt = nowMillis;
        } else if (known && nowMillis - progressAt >= stallMs) {
            return Verdict.STALLED;
        }
        if (!farBehind(queuedBytes)) {
            behindSince = -1;
            return Verdict.KEEP;
        }
        if (behindSince < 0) {
            behindSince = nowMillis;
        }
        return nowMillis - behindSince >= LAG_GRACE_MS ? Verdict.DEGRADE : Verdict.KEEP;
    }

    /** The congestion ended (the queue drained): the lag is judged afresh. */
    void caughtUp() {
        behindSince = -1;
    }

    /** The stall time, for the close reason. */
    long stallMs() {
        return stallMs;
    }
}
