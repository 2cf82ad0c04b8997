package dev.realtimehub.core.spi;

/**
 * A source of wall-clock time in milliseconds, injected so that windows and timestamps can be tested with a manual clock.
 *
 * <p>Implementations must be safe to call from any thread.
 */
@FunctionalInterface
public interface Clock {

    /** Milliseconds since the Unix epoch. */
    long millis();

    /** The system clock. */
    static Clock system() {
        return System::currentTimeMillis;
    }
}
