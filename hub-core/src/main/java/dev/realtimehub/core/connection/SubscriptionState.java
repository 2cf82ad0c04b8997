package dev.realtimehub.core.connection;

import dev.realtimehub.core.api.Frame;

import dev.realtimehub.core.delivery.TopicDispatcher;
import dev.realtimehub.core.topics.SubscriberFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's subscription to one topic: the last seq it was sent, and while a recovery is under way the live
 * frames held back until the missed ones have been replayed.
 *
 * <p>Confined to the connection's lane.
 */
final class SubscriptionState {

    /** The topic's or channel's dispatcher. */
    final TopicDispatcher dispatcher;
    /** The catalog index this subscription's deliveries count under: the topic's own, or its channel's namespace's. */
    final int countAs;
    /** The subscription's filter, or {@code null} for every event. */
    SubscriberFilter filter;

    /** The highest seq written to the client on this topic (or acknowledged by it through {@code since}). */
    long lastSeq;
    /** Non-null while recovering: live frames that arrived before the replay was written. */
    List<Frame> heldBack;
    /** While congested: the first and last seq skipped (0 when nothing was). */
    long skippedFrom;
    long skippedTo;

    SubscriptionState(TopicDispatcher dispatcher, int countAs) {
        this.dispatcher = dispatcher;
        this.countAs = countAs;
    }

    boolean recovering() {
        return heldBack != null;
    }

    boolean skipping() {
        return skippedFrom > 0;
    }

    void skip(Frame frame) {
        if (skippedFrom == 0) {
            skippedFrom = frame.firstSeq();
        }
        skippedTo = frame.lastSeq();
    }

    void startRecovery(long since) {
        lastSeq = since;
        heldBack = new ArrayList<>();
    }
}
