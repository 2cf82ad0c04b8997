package dev.realtimehub.core.connection;

import dev.realtimehub.core.api.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's subscription to one topic: the last seq it was sent, and while a recovery is under way the live
 * frames held back until the missed ones have been replayed.
 *
 * <p>Confined to the connection's lane.
 */
final class SubscriptionState {

    /** The highest seq written to the client on this topic (or acknowledged by it through {@code since}). */
    long lastSeq;
    /** Non-null while recovering: live frames that arrived before the replay was written. */
    List<Frame> heldBack;
    /** While congested: the first and last seq skipped (0 when nothing was). */
    long skippedFrom;
    long skippedTo;

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
