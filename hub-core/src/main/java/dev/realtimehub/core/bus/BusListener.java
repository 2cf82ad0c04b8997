package dev.realtimehub.core.bus;

/**
 * Application code that follows {@link EventBus} events in-process, registered with {@link EventBus#on}.
 *
 * <p>Called synchronously on the thread that emitted the event, after the event was handed to the hub; so it must be
 * quick and must not block (an emitter may be an event loop). Calls for one emitting thread come in that thread's emit
 * order; emits from several threads may call a listener concurrently, so it must be thread-safe. What it throws is
 * caught and logged by the bus and never reaches the emitter or other listeners.
 */
@FunctionalInterface
public interface BusListener {

    /**
     * Receives one event.
     *
     * @param name the event name, e.g. {@code FORWARD_SUCCESS}
     * @param data the data as emitted (not a copy), possibly null; do not modify it
     */
    void onEvent(String name, Object data);
}
