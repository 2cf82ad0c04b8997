package dev.realtimehub.core.api;

/**
 * The per-connection limits core enforces: subscriptions, inbound frame rate, and what makes a connection a slow
 * consumer — degraded (events skipped, the client told with {@code gap}) and then closed with 4008.
 *
 * <p>A connection is a slow consumer only when it lags its peers: its queue is past the soft limit and several times
 * the typical queue of the connections on its event loop for a second, or it made no read progress for
 * {@code stallMs}. When every connection lags together the hub is overloaded, and it holds publishers back instead
 * (see {@code FanOutBudget}); the hard limit stays the memory bound of one connection's queue.
 *
 * <p>Immutable; each value is validated by its {@link Setting}, which names the config key.
 *
 * @param maxSubscriptions topics one connection may subscribe to ({@code limits.max-subscriptions})
 * @param framesPerSecond inbound frames per second per connection before an error frame; twice that closes with 1008
 *     ({@code limits.frames-per-second})
 * @param outboundSoftBytes queued bytes past which a connection is congested: the write-buffer high-water mark, and the
 *     backlog past which one lagging its peers is degraded ({@code limits.outbound-soft-bytes})
 * @param outboundHardBytes the most bytes one connection's queue may hold: past it events are skipped, and one that
 *     lags its peers is closed with 4008 once its queue plus what it skipped passes it ({@code limits.outbound-hard-bytes})
 * @param stallMs how long a connection with bytes queued may make no read progress before it is closed with 4008
 *     ({@code limits.stall-ms})
 */
public record Limits(int maxSubscriptions, int framesPerSecond, long outboundSoftBytes, long outboundHardBytes,
                     long stallMs) {

    public static final Setting<Integer> MAX_SUBSCRIPTIONS = Setting.ofInt("limits.max-subscriptions", 100, 1, 100_000);
    public static final Setting<Integer> FRAMES_PER_SECOND =
            Setting.ofInt("limits.frames-per-second", 100, 1, 1_000_000);
    public static final Setting<Long> OUTBOUND_SOFT_BYTES =
            Setting.ofLong("limits.outbound-soft-bytes", 256 * 1024, 1024, Long.MAX_VALUE);
    public static final Setting<Long> OUTBOUND_HARD_BYTES =
            Setting.ofLong("limits.outbound-hard-bytes", 4 * 1024 * 1024, 1024, Long.MAX_VALUE);
    public static final Setting<Long> STALL_MS = Setting.ofLong("limits.stall-ms", 10_000, 1_000, 3_600_000);

    /** Every setting at its default. */
    public static final Limits DEFAULTS = new Limits(MAX_SUBSCRIPTIONS.defaultValue(),
            FRAMES_PER_SECOND.defaultValue(), OUTBOUND_SOFT_BYTES.defaultValue(), OUTBOUND_HARD_BYTES.defaultValue(),
            STALL_MS.defaultValue());

    public Limits {
        MAX_SUBSCRIPTIONS.check(maxSubscriptions);
        FRAMES_PER_SECOND.check(framesPerSecond);
        OUTBOUND_SOFT_BYTES.check(outboundSoftBytes);
        OUTBOUND_HARD_BYTES.check(outboundHardBytes);
        STALL_MS.check(stallMs);
        if (outboundHardBytes <= outboundSoftBytes) {
            throw new IllegalArgumentException("limits.outbound-hard-bytes: expected > limits.outbound-soft-bytes ("
                    + outboundSoftBytes + ") but was " + outboundHardBytes);
        }
    }

    /** Limits with the default {@code limits.stall-ms}. */
    public Limits(int maxSubscriptions, int framesPerSecond, long outboundSoftBytes, long outboundHardBytes) {
        this(maxSubscriptions, framesPerSecond, outboundSoftBytes, outboundHardBytes, STALL_MS.defaultValue());
    }
}
