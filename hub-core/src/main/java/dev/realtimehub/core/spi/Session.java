package dev.realtimehub.core.spi;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Frame;

/**
 * The transport's side of one client connection, as core sees it: something it can write frames to, flush and close.
 *
 * <p>Threading: every method is called on {@link #lane()} only. Writes never block; the transport queues them and
 * applies its outbound limits.
 */
public interface Session {

    /** What {@link #sentBytes} answers when the transport cannot tell. */
    long UNKNOWN_SENT = Long.MIN_VALUE;

    /** The lane (event loop) this session lives on. */
    Lane lane();

    /** Queues one encoded frame without flushing; the same {@link Frame} may be written to many sessions. */
    void write(Frame frame);

    /**
     * Queues the first {@code count} of {@code frames}, in order, without flushing: a run of one topic's events that
     * every session of the fan-out receives whole, so a transport may encode the run once and share those bytes
     * between all of them (within one lane task, the same first and last {@link Frame} objects and the same count
     * mean the same run).
     */
    default void writeRun(Frame[] frames, int count) {
        for (int i = 0; i < count; i++) {
            write(frames[i]);
        }
    }

    /**
     * Whether the outbound queue is past the soft limit (the transport's high-water mark). Core keeps writing to a
     * congested session that keeps pace with its peers; one it degraded is told what it skipped once the queue drains
     * (the transport reports that through {@code ConnectionInbound.onWritable}).
     */
    default boolean congested() {
        return false;
    }

    /** Bytes written and not yet on the socket. */
    default long queuedBytes() {
        return 0;
    }

    /**
     * Bytes that have left this session's queue for the socket since it opened, give or take the transport's own
     * bookkeeping: what core watches for read progress (a client that reads nothing for {@code limits.stall-ms} while
     * bytes wait for it is closed). It only has to rise while the client reads, and may start below zero;
     * {@link #UNKNOWN_SENT} (the default) when the transport cannot tell, and then a session is never judged stalled.
     */
    default long sentBytes() {
        return UNKNOWN_SENT;
    }

    /** Pushes queued frames to the socket. */
    void flush();

    /** Closes the connection with a close frame carrying {@code code} and {@code reason}. */
    void close(CloseCode code, String reason);

    /** The peer's address, for logs and per-IP limits. */
    String remoteAddress();

    /**
     * The id a client names this session by when it sends its frames on another channel (the SSE transport's command
     * POSTs), announced as {@code session} in the {@code connected} frame; {@code null} (the default) when the client
     * sends on the same connection, as over a WebSocket, and the {@code connected} frame then has no {@code session}.
     * Fixed for the session's life; it must be unguessable (at least 128 random bits), since it is all a command needs.
     */
    default String sessionId() {
        return null;
    }

    /** The transport's name, one of {@link Transports}, for counting connections by transport; fixed. */
    default String transport() {
        return Transports.WEBSOCKET;
    }
}
