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
     * @return the seq assigned, once the hub accepted the event
     * @throws PublishException for an unknown topic
     */
    CompletableFuture<Long> publish(String topic, Publication publication);
}
