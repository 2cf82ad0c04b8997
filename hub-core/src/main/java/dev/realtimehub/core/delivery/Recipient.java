package dev.realtimehub.core.delivery;

/**
 * Something fan-out delivers frames to: one client connection, seen from the delivery path.
 *
 * <p>Threading: both methods are called on the recipient's lane only.
 */
public interface Recipient {

    /**
     * Offers a frame of topic {@code topicIndex}; the recipient decides whether it takes it (still subscribed, meant for
     * its user, not yet seen) and queues it without flushing.
     *
     * @return {@code true} if this write is the first since the last {@link #flush()}, so the caller must flush it later
     */
    boolean offer(int topicIndex, Frame frame);

    /** Pushes what {@link #offer} queued to the socket. */
    void flush();
}
