package dev.realtimehub.core.connection;

/**
 * One connection's inbound frames counted in one-second windows, and what to do with the next one under the
 * per-second limit.
 *
 * <p>Lane only, as its {@link Connection}.
 */
public final class InboundWindow {

    /** What to do with an inbound frame under the per-second limit. */
    public enum Verdict {
        /** Within the limit: handle it. */
        ACCEPT,
        /** First frame over the limit in this second: drop it and send an error frame. */
        WARN,
        /** Over the limit: drop it silently. */
        DROP,
        /** Twice the limit: close with 1008. */
        CLOSE
    }

    private long windowStart;
    private int frames;

    /** Counts one inbound frame against {@code perSecond}. */
    public Verdict count(long nowMillis, int perSecond) {
        if (nowMillis - windowStart >= 1000) {
            windowStart = nowMillis;
            frames = 0;
        }
        frames++;
        if (frames <= perSecond) {
            return Verdict.ACCEPT;
        }
        if (frames > 2 * perSecond) {
            return Verdict.CLOSE;
        }
        return frames == perSecond + 1 ? Verdict.WARN : Verdict.DROP;
    }
}
