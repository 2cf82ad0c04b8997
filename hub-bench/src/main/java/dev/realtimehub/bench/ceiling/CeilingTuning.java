package dev.realtimehub.bench.ceiling;

/**
 * How the ceiling server holds its publishers back and bounds its sockets.
 *
 * @param maxHoldMillis longest a publish waits for an unwritable audience before it is taken anyway (≥ 1)
 * @param holdAbove a publish waits while more subscribers are unwritable than this allows
 * @param sendBufferBytes {@code SO_SNDBUF} of every accepted connection (0: the kernel's autotuning, up to
 *     {@code net.ipv4.tcp_wmem}'s maximum)
 * @param unsentBytes {@code TCP_NOTSENT_LOWAT} of every accepted connection (epoll only; 0: none): a bound makes
 *     backlog show as unwritable channels sooner
 */
public record CeilingTuning(long maxHoldMillis, HoldThreshold holdAbove, int sendBufferBytes, int unsentBytes) {

    /** {@code SO_SNDBUF} by default: the hub's default {@code limits.socket-send-buffer-bytes}, the kernel's own. */
    public static final int SEND_BUFFER_BYTES = 0;
    /** {@code TCP_NOTSENT_LOWAT} by default: the hub's default {@code limits.socket-unsent-bytes}. */
    public static final int UNSENT_BYTES = 32 * 1024;

    /**
     * As the hub's defaults: a publish waits at most 2 s ({@code publish.max-wait-ms}), for any subscriber, and what
     * every socket holds unsent is bounded as the hub bounds its own.
     */
    public static final CeilingTuning DEFAULT =
            new CeilingTuning(CeilingFanOut.MAX_HOLD_MILLIS, HoldThreshold.ANY, SEND_BUFFER_BYTES, UNSENT_BYTES);

    public CeilingTuning {
        if (maxHoldMillis < 1) {
            throw new IllegalArgumentException("--max-hold-ms: expected ≥ 1 but was " + maxHoldMillis);
        }
        java.util.Objects.requireNonNull(holdAbove, "holdAbove");
        if (sendBufferBytes < 0) {
            throw new IllegalArgumentException("--sndbuf: expected ≥ 0 but was " + sendBufferBytes);
        }
        if (unsentBytes < 0) {
            throw new IllegalArgumentException("--unsent: expected ≥ 0 but was " + unsentBytes);
        }
    }
}
