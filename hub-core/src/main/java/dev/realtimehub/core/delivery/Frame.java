package dev.realtimehub.core.delivery;

import java.nio.charset.StandardCharsets;

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

    /**
     * @param json UTF-8 JSON text of the frame
     * @param firstSeq the smallest event seq inside (0 for control frames)
     * @param lastSeq the largest event seq inside (0 for control frames)
     * @param userId the only user this frame may reach, or {@code null} for everyone
     */
    public Frame(byte[] json, long firstSeq, long lastSeq, String userId) {
        if (json == null) {
            throw new IllegalArgumentException("json must not be null");
        }
        this.json = json;
        this.firstSeq = firstSeq;
        this.lastSeq = lastSeq;
        this.userId = userId;
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

    @Override
    public String toString() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
