package dev.realtimehub.core.spi;

import dev.realtimehub.core.api.Event;

/**
 * Receives every event a {@link Broker} accepted, with its seq assigned, for local fan-out.
 *
 * <p>A broker calls it for one topic at a time in strictly increasing seq order (never concurrently for the same topic).
 */
@FunctionalInterface
public interface BrokerListener {

    /** Called once per accepted event, in seq order per topic. Must not block. */
    void onEvent(Event event);

    /**
     * Called when a topic's history started afresh under a new epoch (e.g. a wiped Redis): seqs begin again at 1 and
     * clients must recover from scratch.
     */
    default void onEpochChange(String topic, String epoch) {
    }
}
