package dev.realtimehub.server.config;

import dev.realtimehub.core.delivery.FanOutBudget;

/**
 * Backpressure toward publishers: how many frames the fan-out queues may hold, and how long a publish waits for room
 * before it is refused (HTTP 503 with {@code Retry-After}).
 *
 * @param maxQueuedFrames {@code publish.max-queued-frames}: frames (one per event loop and event) queued and unwritten
 * @param maxWaitMs {@code publish.max-wait-ms}: how long a publish waits for room
 */
public record PublishLimits(long maxQueuedFrames, long maxWaitMs) {

    /** Both settings at their defaults (200,000 frames, 2 s). */
    public static final PublishLimits DEFAULTS = new PublishLimits(FanOutBudget.MAX_QUEUED_FRAMES.defaultValue(),
            FanOutBudget.MAX_WAIT_MS.defaultValue());

    public PublishLimits {
        FanOutBudget.MAX_QUEUED_FRAMES.check(maxQueuedFrames);
        FanOutBudget.MAX_WAIT_MS.check(maxWaitMs);
    }
}
