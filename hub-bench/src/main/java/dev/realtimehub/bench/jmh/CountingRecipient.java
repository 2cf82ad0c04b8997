package dev.realtimehub.bench.jmh;

import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.delivery.Recipient;

/**
 * A {@link Recipient} that takes every frame and only counts, so fan-out benchmarks measure the delivery path itself and
 * not a socket. Confined to one thread.
 */
public final class CountingRecipient implements Recipient {

    private boolean dirty;
    private long frames;
    private long flushes;

    @Override
    public boolean offer(int topicIndex, Frame frame) {
        frames++;
        if (dirty) {
            return false;
        }
        dirty = true;
        return true;
    }

    @Override
    public void flush() {
        dirty = false;
        flushes++;
    }

    /** Frames offered so far. */
    public long frames() {
        return frames;
    }

    /** Flushes so far. */
    public long flushes() {
        return flushes;
    }
}
