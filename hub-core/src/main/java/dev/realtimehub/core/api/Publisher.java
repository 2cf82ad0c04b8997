package dev.realtimehub.core.api;

import java.util.concurrent.CompletableFuture;

/**
 * Something events can be published to: the seam {@link dev.realtimehub.core.broadcast.Broadcasts} and the
 * {@link dev.realtimehub.core.bus.EventBus} publish through, implemented by {@link dev.realtimehub.core.engine.HubEngine}
 * (and by a fake in unit tests).
 *
 * <p>Implementations must be thread-safe: callers publish from any thread. Two publishes made one after the other on one
 * thread must get increasing seqs on their topic, so that a caller's own events keep their order.
 */
@FunctionalInterface
public interface Publisher {

    /**
     * Publishes {@code publication} on {@code topic}.
     *
     * <p>Under overload (the subscribers as a whole behind, see {@code FanOutBudget}) the hub holds the publish back
     * instead of accepting what it could not deliver: the future completes late, once the subscribers caught up, or
     * fails with {@link BackpressureException} after {@code publish.max-wait-ms}, and then nothing was accepted —
     * retry later. No thread is blocked while it waits; a caller that needs the order of its events kept publishes
     * the next one after this future completed (or accepts that a refused one is missing in between).
     *
     * @return the seq assigned, once the hub accepted the event
     * @throws PublishException for an unknown topic
     */
    CompletableFuture<Long> publish(String topic, Publication publication);
}
