package dev.realtimehub.core.delivery;

import dev.realtimehub.core.api.Frame;

/**
 * Something fan-out delivers frames to: one client connection, seen from the delivery path.
 *
 * <p>Threading: every method is called on the recipient's lane only.
 */
public interface Recipient {

    /**
     * Offers a frame of topic {@code topicIndex}; the recipient decides whether it takes it (still subscribed, meant for
     * its user, not yet seen) and queues it without flushing.
     *
     * @return {@code true} if this write is the first since the last {@link #flush()}, so the caller must flush it later
     */
    boolean offer(int topicIndex, Frame frame);

    /**
     * Offers the first {@code count} of {@code frames}, consecutive frames of topic {@code topicIndex} in order, as
     * {@link #offer} would one by one (the result is as if it had been called for each, in order); a recipient that
     * takes all of them may queue them as one run.
     *
     * @return {@code true} if one of these writes is the first since the last {@link #flush()}
     */
    default boolean offerRun(int topicIndex, Frame[] frames, int count) {
        boolean first = false;
        for (int i = 0; i < count; i++) {
            first |= offer(topicIndex, frames[i]);
        }
        return first;
    }

    /** Pushes what {@link #offer} queued to the socket. */
    void flush();

    /** Bytes queued for this recipient and not yet on its socket (0 when it cannot tell). */
    default long backlogBytes() {
        return 0;
    }

    /**
     * Called on the lane every sample period with the typical backlog of the recipients around it (its event loop's, or
     * the hub's when the loop has few): a recipient that lags far behind them, or makes no read progress, acts on it.
     */
    default void review(long nowMillis, long typicalBacklogBytes) {
    }
}
