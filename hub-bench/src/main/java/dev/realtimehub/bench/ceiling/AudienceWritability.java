package dev.realtimehub.bench.ceiling;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ceiling server's backpressure toward publishers: how many subscribed connections are unwritable (Netty's
 * outbound buffer above its high water mark), and the publishes held until none is.
 *
 * <p>A publish arriving while any subscriber is unwritable is not taken: it waits, and so does its HTTP answer, so a
 * publisher with a bounded number of requests in flight slows down to what the audience reads. When the last
 * unwritable subscriber becomes writable again ({@code channelWritabilityChanged}), the held publishes run in arrival
 * order (with a {@link HoldThreshold}: while more than it allows are unwritable, and once no more are). A publish is held
 * at most {@code maxHoldMillis}: a subscriber that stopped reading cannot hold every publisher for ever — past that the publish is taken, and the lane closes that subscriber once it is more than the
 * hard limit behind.
 *
 * <p>Thread-safe: writability changes come from every event loop, publishes from the HTTP connections' loops.
 */
final class AudienceWritability {

    private final long maxHoldMillis;
    private final HoldThreshold threshold;
    private final LongAdder held = new LongAdder();
    private final LongAdder heldTooLong = new LongAdder();
    // guarded by this
    private int unwritable;
    private int connected;
    private final ArrayDeque<Held> waiting = new ArrayDeque<>();
    /** Released publishes handed to their executors that have not run yet: a newcomer goes behind them. */
    private int releasedPending;

    AudienceWritability(long maxHoldMillis) {
        this(maxHoldMillis, HoldThreshold.ANY);
    }

    /** Holds publishes while more subscribers are unwritable than {@code threshold} allows. */
    AudienceWritability(long maxHoldMillis, HoldThreshold threshold) {
        this.maxHoldMillis = maxHoldMillis;
        this.threshold = threshold;
    }

    /**
     * Runs {@code publish} on {@code executor}: at once (inside this call, when called on {@code executor}) if every
     * subscriber is writable and no earlier publish is still waiting, else once they are, in arrival order.
     */
    void whenWritable(EventExecutor executor, Runnable publish) {
        Held entry = new Held(executor, publish);
        synchronized (this) {
            boolean open = unwritable <= threshold.limit(connected);
            if (open && waiting.isEmpty() && releasedPending == 0 && executor.inEventLoop()) {
                entry.ran.set(true);
            } else if (open && waiting.isEmpty()) {
                release(entry); // behind the released ones still pending on their executors
                return;
            } else {
                waiting.addLast(entry);
                held.increment();
                executor.schedule(() -> {
                    if (entry.run()) {
                        heldTooLong.increment();
                    }
                }, maxHoldMillis, TimeUnit.MILLISECONDS);
                return;
            }
        }
        publish.run();
    }

    /** A subscriber connected: with a share as the threshold, the number of unwritable ones it allows grows. */
    synchronized void joined() {
        connected++;
        releaseIfOpen();
    }

    /** A subscriber counted by {@link #joined} went. */
    synchronized void left() {
        connected--;
        releaseIfOpen();
    }

    /** A subscribed connection's outbound buffer passed its high water mark. */
    void becameUnwritable() {
        synchronized (this) {
            unwritable++;
        }
    }

    /** A connection counted by {@link #becameUnwritable} drained below its low water mark, or closed. */
    synchronized void becameWritable() {
        unwritable--;
        releaseIfOpen();
    }

    private void releaseIfOpen() {
        if (unwritable > threshold.limit(connected)) {
            return;
        }
        Held entry;
        while ((entry = waiting.pollFirst()) != null) {
            release(entry);
        }
    }

    /** Hands {@code entry} to its executor (under the lock, so executors get publishes in arrival order). */
    private void release(Held entry) {
        releasedPending++;
        entry.executor.execute(() -> {
            synchronized (this) {
                releasedPending--;
            }
            entry.run();
        });
    }

    /** Subscribers unwritable now. */
    synchronized int unwritable() {
        return unwritable;
    }

    /** Publishes that had to wait. */
    long held() {
        return held.sum();
    }

    /** Publishes taken after waiting {@code maxHoldMillis} (a subscriber stayed unwritable that long). */
    long heldTooLong() {
        return heldTooLong.sum();
    }

    /** One publish and where it runs; runs once, whichever of the release and the timeout comes first. */
    private static final class Held {
        final EventExecutor executor;
        final Runnable publish;
        final AtomicBoolean ran = new AtomicBoolean();

        Held(EventExecutor executor, Runnable publish) {
            this.executor = executor;
            this.publish = publish;
        }

        /** Runs the publish unless it already ran; true if this call ran it. */
        boolean run() {
            if (!ran.compareAndSet(false, true)) {
                return false;
            }
            publish.run();
            return true;
        }
    }
}
