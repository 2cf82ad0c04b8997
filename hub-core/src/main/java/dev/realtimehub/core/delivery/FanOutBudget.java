package dev.realtimehub.core.delivery;

import dev.realtimehub.core.api.BackpressureException;
import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.spi.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds what the lanes have queued and not yet written, so a hub at saturation holds back publishers instead of its
 * heap growing: a publish goes ahead only while the queues are under the limit; otherwise it waits (without blocking
 * any thread) until they drained to half the limit, at most {@code maxWaitMs}, and then fails with
 * {@link BackpressureException} — an event is acknowledged only once it is accepted, never dropped afterwards.
 * Waiting publishes go ahead in the order they came, and while any wait, newcomers queue behind them, so one
 * publisher's events keep their order.
 *
 * <p>Thread-safe.
 */
public final class FanOutBudget {

    /** Frames (one per lane and event) the lanes may hold queued before publishes wait. */
    public static final Setting<Long> MAX_QUEUED_FRAMES =
            Setting.ofLong("publish.max-queued-frames", 200_000, 1, 100_000_000);
    /** How long a publish waits for room before it is refused. */
    public static final Setting<Long> MAX_WAIT_MS = Setting.ofLong("publish.max-wait-ms", 2_000, 0, 60_000);

    private static final CompletableFuture<Void> ROOM = CompletableFuture.completedFuture(null);

    private final long limit;
    private final long maxWaitMs;
    private final Scheduler scheduler;
    private final AtomicLong queued = new AtomicLong();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();

    /**
     * @param limit frames (one per lane and event) the lanes may hold queued
     * @param maxWaitMs how long a publish may wait for room
     */
    public FanOutBudget(long limit, long maxWaitMs, Scheduler scheduler) {
        this.limit = MAX_QUEUED_FRAMES.check(limit);
        this.maxWaitMs = MAX_WAIT_MS.check(maxWaitMs);
        this.scheduler = scheduler;
    }

    /** Frames queued on every lane and not yet written. */
    public long queued() {
        return queued.get();
    }

    /** Completes when a publish may go ahead; fails with {@link BackpressureException} after the wait. */
    public CompletableFuture<Void> room() {
        if (queued.get() < limit && waiting.isEmpty()) {
            return ROOM;
        }
        CompletableFuture<Void> turn = new CompletableFuture<>();
        waiting.add(turn);
        if (queued.get() <= limit / 2) {
            wakeAll(); // the queues drained while this publish was getting in line
        }
        Scheduler.Cancellable timer = scheduler.schedule(() -> {
            waiting.remove(turn);
            turn.completeExceptionally(new BackpressureException("the fan-out queues stayed full for " + maxWaitMs
                    + " ms (" + queued.get() + " frames queued, limit " + limit + "); retry later"));
        }, maxWaitMs);
        turn.whenComplete((ignored, failure) -> timer.cancel());
        return turn;
    }

    void taken(int frames) {
        queued.addAndGet(frames);
    }

    void released(int frames) {
        if (queued.addAndGet(-frames) <= limit / 2 && !waiting.isEmpty()) {
            wakeAll();
        }
    }

    private void wakeAll() {
        CompletableFuture<Void> next;
        while ((next = waiting.poll()) != null) {
            next.complete(null);
        }
    }
}
