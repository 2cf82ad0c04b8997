package dev.realtimehub.core.spi;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.delivery.Frame;

/**
 * The transport's side of one client connection, as core sees it: something it can write frames to, flush and close.
 *
 * <p>Threading: every method is called on {@link #lane()} only. Writes never block; the transport queues them and
 * applies its outbound limits.
 */
public interface Session {

    /** The lane (event loop) this session lives on. */
    Lane lane();

    /** Queues one encoded frame without flushing; the same {@link Frame} may be written to many sessions. */
    void write(Frame frame);

    /** Queues several frames; a transport may coalesce them. */
    default void writeBatch(Iterable<Frame> frames) {
        for (Frame frame : frames) {
            write(frame);
        }
    }

    /**
     * Whether the outbound queue is past the soft limit: core then stops sending events and tells the client what it
     * skipped once the queue drains (the transport reports that through {@code Hub.onWritable}).
     */
    default boolean congested() {
        return false;
    }

    /** Bytes written and not yet on the socket. */
    default long queuedBytes() {
        return 0;
    }

    /** Pushes queued frames to the socket. */
    void flush();

    /** Closes the connection with a close frame carrying {@code code} and {@code reason}. */
    void close(CloseCode code, String reason);

    /** The peer's address, for logs and per-IP limits. */
    String remoteAddress();
}
