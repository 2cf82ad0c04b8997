package dev.realtimehub.core.api;

/**
 * The per-connection limits core enforces: subscriptions, inbound frame rate, and the outbound queue sizes at which a
 * slow consumer is degraded and then disconnected.
 *
 * <p>Immutable; each value is validated by its {@link Setting}, which names the config key.
 *
 * @param maxSubscriptions topics one connection may subscribe to ({@code limits.max-subscriptions})
 * @param framesPerSecond inbound frames per second per connection before an error frame; twice that closes with 1008
 *     ({@code limits.frames-per-second})
 * @param outboundSoftBytes queued bytes past which a connection is degraded ({@code limits.outbound-soft-bytes})
 * @param outboundHardBytes queued bytes past which it is closed with 4008 ({@code limits.outbound-hard-bytes})
 */
public record Limits(int maxSubscriptions, int framesPerSecond, long outboundSoftBytes, long outboundHardBytes) {

    public static final Setting<Integer> MAX_SUBSCRIPTIONS = Setting.ofInt("limits.max-subscriptions", 100, 1, 100_000);
    public static final Setting<Integer> FRAMES_PER_SECOND =
            Setting.ofInt("limits.frames-per-second", 100, 1, 1_000_000);
    public static final Setting<Long> OUTBOUND_SOFT_BYTES =
            Setting.ofLong("limits.outbound-soft-bytes", 256 * 1024, 1024, Long.MAX_VALUE);
    public static final Setting<Long> OUTBOUND_HARD_BYTES =
            Setting.ofLong("limits.outbound-hard-bytes", 1024 * 1024, 1024, Long.MAX_VALUE);

    /** Every setting at its default. */
    public static final Limits DEFAULTS = new Limits(MAX_SUBSCRIPTIONS.defaultValue(),
            FRAMES_PER_SECOND.defaultValue(), OUTBOUND_SOFT_BYTES.defaultValue(), OUTBOUND_HARD_BYTES.defaultValue());

    public Limits {
        MAX_SUBSCRIPTIONS.check(maxSubscriptions);
        FRAMES_PER_SECOND.check(framesPerSecond);
        OUTBOUND_SOFT_BYTES.check(outboundSoftBytes);
        OUTBOUND_HARD_BYTES.check(outboundHardBytes);
        if (outboundHardBytes <= outboundSoftBytes) {
            throw new IllegalArgumentException("limits.outbound-hard-bytes: expected > limits.outbound-soft-bytes ("
                    + outboundSoftBytes + ") but was " + outboundHardBytes);
        }
    }
}
