package dev.realtimehub.server.config;

/**
 * Backpressure toward publishers: how many frames the fan-out queues may hold, and how long a publish waits for room
 * before it is refused (HTTP 503 with {@code Retry-After}).
 *
 * @param maxQueuedFrames {@code publish.max-queued-frames}: frames (one per event loop and event) queued and unwritten
 * @param maxWaitMs {@code publish.max-wait-ms}: how long a publish waits for room
 */
public record PublishLimits(long maxQueuedFrames, long maxWaitMs) {

    /** 200,000 frames, 2 s. */
    public static final PublishLimits DEFAULTS = new PublishLimits(200_000, 2_000);

    public PublishLimits {
        if (maxQueuedFrames < 1 || maxQueuedFrames > 100_000_000) {
            throw new IllegalArgumentException("publish.max-queued-frames: expected 1..100000000 but was "
                    + maxQueuedFrames);
        }
        if (maxWaitMs < 0 || maxWaitMs > 60_000) {
            throw new IllegalArgumentException("publish.max-wait-ms: expected 0..60000 but was " + maxWaitMs);
        }
    }
}
