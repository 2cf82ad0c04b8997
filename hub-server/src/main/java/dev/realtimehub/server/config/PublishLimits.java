package dev.realtimehub.server.config;

import dev.realtimehub.core.delivery.FanOutBudget;

/**
 * Backpressure toward publishers: how many delivery bytes the fan-out may hold queued, and how long a publish waits
 * for the subscribers to catch up before it is refused (HTTP 503 with {@code Retry-After}); see {@link FanOutBudget}.
 *
 * @param maxQueuedBytes {@code publish.max-queued-bytes}: delivery bytes queued for connections and not yet written
 * @param maxWaitMs {@code publish.max-wait-ms}: how long a publish waits for room
 */
public record PublishLimits(long maxQueuedBytes, long maxWaitMs) {

    /** Both settings at their defaults (64 MiB, 2 s). */
    public static final PublishLimits DEFAULTS = new PublishLimits(FanOutBudget.MAX_QUEUED_BYTES.defaultValue(),
            FanOutBudget.MAX_WAIT_MS.defaultValue());

    public PublishLimits {
        FanOutBudget.MAX_QUEUED_BYTES.check(maxQueuedBytes);
        FanOutBudget.MAX_WAIT_MS.check(maxWaitMs);
    }
}
