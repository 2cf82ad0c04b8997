package dev.realtimehub.core.delivery;

import dev.realtimehub.core.spi.Lane;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;

/**
 * The recipients living on one lane, sampled together: how many bytes each has queued, what is typical among them, and
 * how much the lane holds in all. The typical backlog is what tells a slow consumer (far behind its peers) from
 * overload (everyone behind): each recipient is reviewed against it, and {@link FanOutBudget} holds publishers back
 * when the typical recipient lags or the lanes hold too much.
 *
 * <p>Threading: membership and {@link #sample} are lane only; the published figures ({@link #typical},
 * {@link #queuedBytes}, {@link #histogram}) may be read from any thread and are as old as the last sample.
 */
public final class LanePeers {

    /** Fewer recipients than this on a lane are compared with the whole hub's, not with their lane's alone. */
    public static final int MIN_PEERS = 8;

    private final Lane lane;
    private final Set<Recipient> members = Collections.newSetFromMap(new IdentityHashMap<>());
    private final BacklogHistogram sampling = new BacklogHistogram();
    private Recipient[] snapshot = new Recipient[16];
    private volatile BacklogHistogram histogram = new BacklogHistogram();
    private volatile long typical;
    private volatile long queuedBytes;

    /** The peers of {@code lane}. */
    public LanePeers(Lane lane) {
        this.lane = Objects.requireNonNull(lane, "lane");
    }

    /** The lane these peers live on. */
    public Lane lane() {
        return lane;
    }

    /** Adds a recipient (lane only). */
    public void join(Recipient recipient) {
        members.add(recipient);
    }

    /** Removes a recipient (lane only); harmless if it was not there. */
    public void leave(Recipient recipient) {
        members.remove(recipient);
    }

    /**
     * Measures every recipient's backlog, publishes the lane's figures and reviews each recipient against the typical
     * backlog — the lane's own with {@link #MIN_PEERS} or more recipients, {@code hubTypical} otherwise (lane only).
     */
    public void sample(long nowMillis, long hubTypical) {
        int count = members.size();
        if (snapshot.length < count) {
            snapshot = new Recipient[Math.max(count, 2 * snapshot.length)];
        }
        members.toArray(snapshot);
        sampling.clear();
        long total = 0;
        for (int i = 0; i < count; i++) {
            long queued = snapshot[i].backlogBytes();
            sampling.add(queued);
            total += queued;
        }
        long laneTypical = count >= MIN_PEERS ? sampling.typical() : hubTypical;
        histogram = sampling.copy();
        typical = laneTypical;
        queuedBytes = total;
        // a review may close a recipient, which then leaves: hence the snapshot
        for (int i = 0; i < count; i++) {
            snapshot[i].review(nowMillis, laneTypical);
            snapshot[i] = null;
        }
    }

    /** The typical backlog the lane's recipients were last reviewed against, in bytes. */
    public long typical() {
        return typical;
    }

    /** The bytes the lane's recipients had queued at the last sample. */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** The lane's backlogs at the last sample; do not modify. */
    public BacklogHistogram histogram() {
        return histogram;
    }
}
