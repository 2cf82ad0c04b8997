package dev.realtimehub.transport.base;

/**
 * Whether the server is draining: from {@link #start()} on it refuses new connections and requests with 503 and reports
 * itself unready, while the connections it has are flushed and closed with 1001.
 *
 * <p>Thread-safe: started from any thread, read on every event loop.
 */
public final class HubDrain {

    /** Seconds a refused client is told to wait ({@code Retry-After}), the span over which clients spread reconnects. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private volatile boolean active;

    /** Starts draining; idempotent. */
    public void start() {
        active = true;
    }

    /** Whether draining has started. */
    public boolean active() {
        return active;
    }
}
