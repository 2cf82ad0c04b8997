package dev.realtimehub.core.api;

/**
 * The per-connection limits core enforces: subscriptions, inbound frame rate, and the outbound queue sizes at which a
 * slow consumer is degraded and then disconnected.
 *
 * <p>Immutable; validated on construction with the config key named.
 *
 * @param maxSubscriptions topics one connection may subscribe to ({@code limits.max-subscriptions})
 * @param framesPerSecond inbound frames per second per connection before an error frame; twice that closes with 1008
 *     ({@code limits.frames-per-second})
 * @param outboundSoftBytes queued bytes past which a connection is degraded ({@code limits.outbound-soft-bytes})
 * @param outboundHardBytes queued bytes past which it is closed with 4008 ({@code limits.outbound-hard-bytes})
 */
public record Limits(int maxSubscriptions, int framesPerSecond, long outboundSoftBytes, long outboundHardBytes) {

    /** The defaults of DESIGN.md and the security issue. */
    public static final Limits DEFAULTS = new Limits(100, 100, 256 * 1024, 1024 * 1024);

    public Limits {
        require(maxSubscriptions >= 1 && maxSubscriptions <= 100_000, "limits.max-subscriptions", "1..100000",
                maxSubscriptions);
        require(framesPerSecond >= 1 && framesPerSecond <= 1_000_000, "limits.frames-per-second", "1..1000000",
                framesPerSecond);
        require(outboundSoftBytes >= 1024, "limits.outbound-soft-bytes", ">= 1024", outboundSoftBytes);
        require(outboundHardBytes > outboundSoftBytes, "limits.outbound-hard-bytes",
                "> limits.outbound-soft-bytes (" + outboundSoftBytes + ")", outboundHardBytes);
    }

    private static void require(boolean ok, String key, String expected, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": expected " + expected + " but was " + value);
        }
    }
}
