package dev.realtimehub.core.spi;

/**
 * What a transport reports about one open connection: the frames its client sent, that its outbound queue drained,
 * and that it is gone.
 *
 * <p>Lane only: every method is called on the lane of the connection's {@link Session}.
 */
public interface ConnectionInbound {

    /** The connection's client id (the {@code client_id} of its {@code connected} frame), for logs. */
    String clientId();

    /** A text frame from the client. */
    void onText(String text);

    /** A binary frame from the client (the protocol has none: it is answered with an error frame). */
    void onBinary();

    /** The outbound queue drained after a congestion: core resumes sending and reports what it skipped. */
    void onWritable();

    /** The connection is gone (closed by either side or failed); core forgets it and leaves every topic. */
    void onClosed();
}
