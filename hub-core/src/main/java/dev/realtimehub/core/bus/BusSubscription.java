package dev.realtimehub.core.bus;

/**
 * A listener's registration on the {@link EventBus}; {@link #close()} removes it.
 *
 * <p>Thread-safe: close from any thread, as often as you like. An emit already running on another thread when it is
 * closed may still call the listener once.
 */
public interface BusSubscription extends AutoCloseable {

    /** Removes the listener; idempotent. */
    @Override
    void close();
}
