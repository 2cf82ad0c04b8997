package dev.realtimehub.core.api;

import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/**
 * One encoded server-to-client text frame: the JSON bytes, encoded once and shared by every recipient, plus what
 * delivery needs to know without parsing them.
 *
 * <p>Immutable; the byte array must never be modified once the frame exists.
 */
public final class Frame {

    private final byte[] json;
    private final long firstSeq;
    private final long lastSeq;
    private final String userId;
    private final int events;
    private final long acceptedNanos;
    /** Builds this batch's frame of the items above a seq; {@code null} for a frame of one event or none. */
    private final LongFunction<Frame> cutAfter;

    /**
     * A frame of one event (or of none when {@code firstSeq} is 0), accepted now.
     *
     * @param json UTF-8 JSON text of the frame
     * @param firstSeq the smallest event seq inside (0 for control frames)
     * @param lastSeq the largest event seq inside (0 for control frames)
     * @param userId the only user this frame may reach, or {@code null} for everyone
     */
    public Frame(byte[] json, long firstSeq, long lastSeq, String userId) {
        this(json, firstSeq, lastSeq, userId, firstSeq == 0 ? 0 : 1, System.nanoTime());
    }

    /**
     * A frame of {@code events} events, the oldest of which this node accepted at {@code acceptedNanos}.
     *
     * @param events how many events the frame carries (1 for an event, N for a batch, 0 for control frames)
     * @param acceptedNanos {@link System#nanoTime()} when this node accepted (or received from the broker) the oldest
     *     event inside; delivery measures publish-to-write latency from it
     */
    public Frame(byte[] json, long firstSeq, long lastSeq, String userId, int events, long acceptedNanos) {
        this(json, firstSeq, lastSeq, userId, events, acceptedNanos, null);
    }

    /**
     * A frame of several events that {@code cutAfter} can cut down to those with a seq above the one it is given (a
     * {@code batch}), for {@link #after}.
     *
     * @param cutAfter given a seq within [firstSeq, lastSeq), the frame of the items above it; {@code null}: the frame
     *     cannot be cut
     */
    public Frame(byte[] json, long firstSeq, long lastSeq, String userId, int events, long acceptedNanos,
                 LongFunction<Frame> cutAfter) {
        if (json == null) {
            throw new IllegalArgumentException("json must not be null");
        }
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0, was " + events);
        }
        this.json = json;
        this.firstSeq = firstSeq;
        this.lastSeq = lastSeq;
        this.userId = userId;
        this.events = events;
        this.acceptedNanos = acceptedNanos;
        this.cutAfter = cutAfter;
    }

    /** A control frame (reply, error) that carries no event. */
    public static Frame control(byte[] json) {
        return new Frame(json, 0, 0, null);
    }

    /** The frame's JSON as UTF-8 bytes; shared, do not modify. */
    public byte[] json() {
        return json;
    }

    /** The number of JSON bytes. */
    public int size() {
        return json.length;
    }

    /** The smallest seq inside, 0 for control frames. */
    public long firstSeq() {
        return firstSeq;
    }

    /** The largest seq inside, 0 for control frames. */
    public long lastSeq() {
        return lastSeq;
    }

    /** The only user this frame may reach, or {@code null}. */
    public String userId() {
        return userId;
    }

    /** How many events the frame carries: 1 for an event, the item count for a batch, 0 for a control frame. */
    public int events() {
        return events;
    }

    /** {@link System#nanoTime()} when this node accepted the oldest event inside. */
    public long acceptedNanos() {
        return acceptedNanos;
    }

    /**
     * This frame for a recipient that has every event up to {@code seq}: itself when all its events are newer,
     * {@code null} when none is, and a batch that straddles {@code seq} cut down to its newer items (a client recovering
     * with {@code since} on a node whose throttling window still held events it had from another node).
     */
    public Frame after(long seq) {
        if (firstSeq > seq) {
            return this;
        }
        if (lastSeq <= seq) {
            return null;
        }
        return cutAfter == null ? this : cutAfter.apply(seq);
    }

    @Override
    public String toString() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
