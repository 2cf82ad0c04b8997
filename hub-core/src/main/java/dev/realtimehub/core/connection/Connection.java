package dev.realtimehub.core.connection;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Limits;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.delivery.LaneCounters;
import dev.realtimehub.core.delivery.LaneOutbox;
import dev.realtimehub.core.delivery.Recipient;
import dev.realtimehub.core.delivery.TopicDispatcher;
import dev.realtimehub.core.spi.Session;
import java.util.List;
import java.util.Objects;

/**
 * Core's state for one client connection: its id, its transport session and its subscriptions.
 *
 * <p>Threading: confined to the session's lane — the transport calls it there, fan-out reaches it through its
 * {@link LaneOutbox}, and recoveries that complete elsewhere hop back onto the lane.
 */
public final class Connection implements Recipient {

    private final String id;
    private final Session session;
    private final LaneOutbox outbox;
    private final long openedAtMillis;
    private final Identity identity;
    private final String userId;
    /** Indexed by topic index; null where not subscribed. Lane only. */
    private final SubscriptionState[] subscriptions;
    /** Subscriptions to channels (indexes past the catalog's), created on the first one. Lane only. */
    private java.util.HashMap<Integer, SubscriptionState> channelSubscriptions;
    private int subscriptionCount;
    private boolean needsFlush;
    private boolean closed;
    private boolean closing;
    /** Whether events are being skipped (degraded), until the queue drains. */
    private boolean congested;
    /** Whether a review found it far behind its peers for the grace: only then may its backlog close it. */
    private boolean lagging;
    /** Bytes of events skipped since the congestion began: how far behind the client is, beyond its queue. */
    private long skippedBytes;
    private final long hardLimitBytes;
    private final ConnectionPace pace;
    private final SlowConsumerCounters slowConsumers;
    private final InboundWindow inbound = new InboundWindow();

    Connection(String id, Identity identity, Session session, LaneOutbox outbox, int topicCount, long openedAtMillis,
               Limits limits, SlowConsumerCounters slowConsumers) {
        this.hardLimitBytes = limits.outboundHardBytes();
        this.pace = new ConnectionPace(limits.outboundSoftBytes(), limits.stallMs(), openedAtMillis);
        this.slowConsumers = slowConsumers;
        this.id = Objects.requireNonNull(id, "id");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.userId = identity.userId();
        this.session = Objects.requireNonNull(session, "session");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.subscriptions = new SubscriptionState[topicCount];
        this.openedAtMillis = openedAtMillis;
    }

    /** The client id sent in the {@code connected} frame. */
    public String id() {
        return id;
    }

    /** The transport session. */
    public Session session() {
        return session;
    }

    /** The fan-out queue of this connection's lane. */
    public LaneOutbox outbox() {
        return outbox;
    }

    /** When the connection was opened. */
    public long openedAtMillis() {
        return openedAtMillis;
    }

    /** Whether the connection has been closed. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean offer(int topicIndex, Frame frame) {
        SubscriptionState state = subscription(topicIndex);
        if (state == null || closed || closing) {
            return false;
        }
        String target = frame.userId();
        if (target != null && !target.equals(userId)) {
            return false;
        }
        if (state.recovering()) {
            state.heldBack.add(frame);
            return false;
        }
        Frame fresh = frame.after(state.lastSeq); // a batch may hold events a recovery already wrote
        if (fresh == null) {
            return false; // already written by a recovery replay
        }
        if (state.skipping() || congested || overHardLimit(fresh.size())) {
            skip(state, fresh);
            return false;
        }
        state.lastSeq = fresh.lastSeq();
        outbox.counters().wrote(state.countAs, fresh);
        return writeQueued(fresh);
    }

    /**
     * The whole run at once when this connection takes every frame of it the way {@link #offer} would (subscribed,
     * not recovering, not skipping, not degraded, room for all of it under the hard limit, each frame new to it and
     * meant for its user); frame by frame otherwise.
     */
    @Override
    public boolean offerRun(int topicIndex, Frame[] frames, int count) {
        SubscriptionState state = subscription(topicIndex);
        if (state == null || closed || closing || state.recovering() || state.skipping() || congested
                || !takesAll(state, frames, count) || overHardLimit(runBytes(frames, count))) {
            return Recipient.super.offerRun(topicIndex, frames, count);
        }
        state.lastSeq = frames[count - 1].lastSeq();
        LaneCounters counters = outbox.counters();
        for (int i = 0; i < count; i++) {
            counters.wrote(state.countAs, frames[i]);
        }
        session.writeRun(frames, count);
        return firstSinceFlush();
    }

    private static long runBytes(Frame[] frames, int count) {
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            bytes += frames[i].size();
        }
        return bytes;
    }

    /** Whether every frame of the run is new to this connection (seqs rising past its last) and meant for it. */
    private boolean takesAll(SubscriptionState state, Frame[] frames, int count) {
        long last = state.lastSeq;
        for (int i = 0; i < count; i++) {
            Frame frame = frames[i];
            String target = frame.userId();
            if (frame.firstSeq() <= last || (target != null && !target.equals(userId))) {
                return false;
            }
            last = frame.lastSeq();
        }
        return true;
    }

    @Override
    public void flush() {
        needsFlush = false;
        if (!closed) {
            session.flush();
        }
    }

    /**
     * Writes a reply or replayed frame now and flushes it (lane only); replies are small and bounded by the inbound
     * rate limit, so they are written even past the hard limit.
     */
    public void send(Frame frame) {
        if (!closed && !closing) {
            outbox.counters().wroteControl(frame);
            session.write(frame);
            session.flush();
            needsFlush = false;
        }
    }

    /** Closes the connection with {@code code}; core forgets it once the transport reports it closed. */
    public void close(CloseCode code, String reason) {
        if (!closed && !closing) {
            closing = true;
            session.close(code, reason);
        }
    }

    /** Who this connection belongs to. */
    public Identity identity() {
        return identity;
    }

    /** Whether events are being skipped, as for a slow consumer or past the hard limit (lane only). */
    public boolean isCongested() {
        return congested;
    }

    /**
     * Degraded: skip the frame and tell the client the range once its queue drains (see SubscriptionService.resume).
     * One that a review found far behind its peers and whose queue plus what it skipped passes the hard limit is
     * closed with 4008 (the transport then discards what it still holds for it); one that is merely at the hard limit
     * — along with its peers (overload from events this node cannot hold back, such as other nodes' over Redis), or
     * after a burst that reached it before the next review — is not.
     */
    private void skip(SubscriptionState state, Frame frame) {
        degrade();
        state.skip(frame);
        skippedBytes += frame.size();
        long queued = session.queuedBytes();
        if (lagging && queued + skippedBytes > hardLimitBytes && pace.farBehind(queued)) {
            slowConsumers.disconnected.increment();
            close(CloseCode.SLOW_CONSUMER, "fell more than " + hardLimitBytes + " bytes behind its peers");
        }
    }

    private void degrade() {
        if (!congested) {
            congested = true;
            slowConsumers.degraded.increment();
        }
    }

    /** Whether {@code bytes} more would take the queue past the hard limit, the memory bound of one connection. */
    private boolean overHardLimit(long bytes) {
        return session.queuedBytes() + bytes > hardLimitBytes;
    }

    @Override
    public long backlogBytes() {
        return closed ? 0 : session.queuedBytes();
    }

    /** The slow-consumer review against the peers' typical backlog (see {@link ConnectionPace}); lane only. */
    @Override
    public void review(long nowMillis, long typicalBacklogBytes) {
        if (closed || closing) {
            return;
        }
        switch (pace.review(nowMillis, session.queuedBytes(), session.sentBytes(), typicalBacklogBytes)) {
            case STALLED -> {
                slowConsumers.disconnected.increment();
                slowConsumers.stalled.increment();
                close(CloseCode.SLOW_CONSUMER, "no read progress for " + pace.stallMs() + " ms");
            }
            case DEGRADE -> {
                lagging = true;
                degrade();
            }
            case KEEP -> { }
        }
    }

    void clearCongested() {
        congested = false;
        lagging = false;
        skippedBytes = 0;
        pace.caughtUp();
    }

    /** This connection's inbound frames per second (lane only). */
    public InboundWindow inbound() {
        return inbound;
    }

    /** The user this connection belongs to, or {@code null} when anonymous. */
    public String userId() {
        return userId;
    }

    private boolean writeQueued(Frame frame) {
        session.write(frame);
        return firstSinceFlush();
    }

    /** Marks that something waits for a flush; true if nothing did before (the outbox must then flush it). */
    private boolean firstSinceFlush() {
        if (needsFlush) {
            return false;
        }
        needsFlush = true;
        return true;
    }

    // ---- subscription state, used by SubscriptionService (lane only) ----

    SubscriptionState subscription(int topicIndex) {
        if (topicIndex < subscriptions.length) {
            return subscriptions[topicIndex];
        }
        return channelSubscriptions == null ? null : channelSubscriptions.get(topicIndex);
    }

    /** Adds (or returns) the subscription to {@code dispatcher}'s topic or channel, counted under {@code countAs}. */
    SubscriptionState addSubscription(TopicDispatcher dispatcher, int countAs) {
        int topicIndex = dispatcher.index();
        SubscriptionState state = subscription(topicIndex);
        if (state == null) {
            state = new SubscriptionState(dispatcher, countAs);
            if (topicIndex < subscriptions.length) {
                subscriptions[topicIndex] = state;
            } else {
                if (channelSubscriptions == null) {
                    channelSubscriptions = new java.util.HashMap<>();
                }
                channelSubscriptions.put(topicIndex, state);
            }
            subscriptionCount++;
        }
        return state;
    }

    boolean removeSubscription(int topicIndex) {
        if (subscription(topicIndex) == null) {
            return false;
        }
        if (topicIndex < subscriptions.length) {
            subscriptions[topicIndex] = null;
        } else {
            channelSubscriptions.remove(topicIndex);
        }
        subscriptionCount--;
        return true;
    }

    /** Every subscription, topics first (lane only; a copy, so the caller may unsubscribe while walking it). */
    List<SubscriptionState> subscriptionStates() {
        List<SubscriptionState> states = new java.util.ArrayList<>(subscriptionCount);
        for (SubscriptionState state : subscriptions) {
            if (state != null) {
                states.add(state);
            }
        }
        if (channelSubscriptions != null) {
            states.addAll(channelSubscriptions.values());
        }
        return states;
    }

    /** How many topics this connection is subscribed to. */
    public int subscriptionCount() {
        return subscriptionCount;
    }

    /** Whether it is subscribed to the topic with this index. */
    public boolean isSubscribed(int topicIndex) {
        return subscription(topicIndex) != null;
    }

    /** Ends a recovery of topic {@code topicIndex}: writes the replay, then the held-back frames it does not cover. */
    void finishRecovery(int topicIndex, SubscriptionState state, List<Frame> replay) {
        List<Frame> heldBack = state.heldBack;
        state.heldBack = null;
        if (closed) {
            return;
        }
        writeNewer(state, replay);
        writeNewer(state, heldBack);
        session.flush();
        needsFlush = false;
    }

    /** Writes what {@code frames} hold above the subscription's last seq: a batch straddling it is cut there. */
    private void writeNewer(SubscriptionState state, List<Frame> frames) {
        for (Frame frame : frames) {
            Frame fresh = frame.after(state.lastSeq);
            if (fresh != null) {
                state.lastSeq = fresh.lastSeq();
                outbox.counters().wrote(state.countAs, fresh);
                session.write(fresh);
            }
        }
    }

    /** Marks the connection closed; returns false if it already was (lane only). */
    boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }
}
