package dev.realtimehub.core.spi;

/**
 * One single-threaded executor that owns a set of sessions (in the Netty transport: one event loop).
 *
 * <p>Everything a session does — writes, flushes, closes, protocol handling — happens on its lane, so per-connection state
 * needs no locks. Fan-out groups subscribers by lane and hands each lane one task per burst of events.
 */
public interface Lane {

    /** Runs {@code task} on this lane; callable from any thread, never blocks. */
    void execute(Runnable task);

    /** Whether the calling thread is this lane's thread. */
    boolean inLane();
}
