package dev.realtimehub.core.delivery;

import dev.realtimehub.core.api.BackpressureException;
import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.spi.Lane;
import dev.realtimehub.core.spi.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tells overload from a slow consumer and holds publishers back under overload, so that an event is acknowledged only
 * once every subscriber that keeps pace will get it.
 *
 * <p>Every {@link #SAMPLE_MS} each lane measures its recipients' queued bytes ({@link LanePeers}). The hub is
 * overloaded when the typical recipient of some lane has more than half the soft limit queued (the audience as a whole
 * lags), or when the lanes hold more than {@code publish.max-queued-bytes} in all (queued for connections, plus frames
 * not yet written times their recipients). While it is, a publish waits — without blocking any thread — until the
 * queues drained (the typical backlog under a quarter of the soft limit and the total under half the budget), at most
 * {@code publish.max-wait-ms}, and then fails with {@link BackpressureException}: nothing is accepted that is not
 * delivered. Waiting publishes go ahead in the order they came, and newcomers queue behind them, so one publisher's
 * events keep their order. A recipient far behind its peers is not overload: it is reviewed against the typical backlog
 * and degraded or closed on its own.
 *
 * <p>Thread-safe.
 */
public final class FanOutBudget implements AutoCloseable {

    /** Delivery bytes the lanes may hold queued in all before publishes wait. */
    public static final Setting<Long> MAX_QUEUED_BYTES =
            Setting.ofLong("publish.max-queued-bytes", 64L * 1024 * 1024, 64 * 1024, Long.MAX_VALUE);
    /** How long a publish waits for room before it is refused. */
    public static final Setting<Long> MAX_WAIT_MS = Setting.ofLong("publish.max-wait-ms", 2_000, 1, 60_000);
    /** The key {@link #MAX_QUEUED_BYTES} replaced, still accepted (with a warning) in existing config files. */
    public static final String RETIRED_MAX_QUEUED_FRAMES = "publish.max-queued-frames";

    /**
     * How often the lanes are sampled. Each sample reads every connection's queue and reviews it, which at 19,500
     * connections made the 20 ms of before the largest Java cost of an idle or connecting hub (JFR: a third of its
     * samples while 19,500 clients connected); the judgements it feeds are coarser (a 1 s lag grace, a 10 s stall
     * time, a 2 s publish wait), and a burst past {@code publish.max-queued-bytes} starts the hold without waiting for
     * a sample.
     */
    public static final long SAMPLE_MS = 100;

    private static final CompletableFuture<Void> ROOM = CompletableFuture.completedFuture(null);

    private final long limit;
    private final long maxWaitMs;
    private final long holdTypical;
    private final long resumeTypical;
    private final Clock clock;
    private final Scheduler scheduler;
    private final CopyOnWriteArrayList<LanePeers> lanes = new CopyOnWriteArrayList<>();
    /** Bytes of frames queued in the outboxes and not yet written: a frame's size times its recipients. */
    private final AtomicLong outboxBytes = new AtomicLong();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();
    private final LongAdder holds = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile boolean held;
    private volatile boolean closed;
    private Scheduler.Cancellable tick;

    /**
     * @param limit delivery bytes the lanes may hold queued in all ({@code publish.max-queued-bytes})
     * @param maxWaitMs how long a publish may wait for room ({@code publish.max-wait-ms})
     * @param softBytes the per-connection soft limit ({@code limits.outbound-soft-bytes}): overload is the typical
     *     connection past half of it
     */
    public FanOutBudget(long limit, long maxWaitMs, long softBytes, Clock clock, Scheduler scheduler) {
        this.limit = MAX_QUEUED_BYTES.check(limit);
        this.maxWaitMs = MAX_WAIT_MS.check(maxWaitMs);
        this.holdTypical = softBytes / 2;
        this.resumeTypical = softBytes / 4;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** The peers of a new lane, sampled from now on. */
    public LanePeers addLane(Lane lane) {
        LanePeers peers = new LanePeers(lane);
        lanes.add(peers);
        synchronized (this) {
            if (tick == null && !closed) {
                tick = scheduler.schedule(this::sample, SAMPLE_MS);
            }
        }
        return peers;
    }

    /** Completes when a publish may go ahead; fails with {@link BackpressureException} after the wait. */
    public CompletableFuture<Void> room() {
        if (!held && waiting.isEmpty() && (queuedBytes() <= limit || !holdIfOverBudget())) {
            return ROOM;
        }
        CompletableFuture<Void> turn = new CompletableFuture<>();
        waiting.add(turn);
        if (!held) {
            wakeAll(); // the hold ended while this publish was getting in line
        }
        Scheduler.Cancellable timer = scheduler.schedule(() -> {
            if (waiting.remove(turn)) {
                refused.increment();
                turn.completeExceptionally(new BackpressureException("the subscribers stayed behind for " + maxWaitMs
                        + " ms (" + queuedBytes() + " delivery bytes queued, limit " + limit + "; typical backlog "
                        + typicalBacklog() + " bytes per connection); retry later"));
            }
        }, maxWaitMs);
        turn.whenComplete((ignored, failure) -> timer.cancel());
        return turn;
    }

    /** Whether publishes are being held back now. */
    public boolean isHolding() {
        return held;
    }

    /** How many times the hub started holding publishers back. */
    public long holds() {
        return holds.sum();
    }

    /** How many publishes waited the whole {@code publish.max-wait-ms} and were refused. */
    public long refusals() {
        return refused.sum();
    }

    /** Delivery bytes queued in all at the last sample, plus frames not yet written times their recipients. */
    public long queuedBytes() {
        long total = outboxBytes.get();
        for (LanePeers lane : lanes) {
            total += lane.queuedBytes();
        }
        return total;
    }

    /** The largest typical backlog of a lane at the last sample, in bytes. */
    public long typicalBacklog() {
        long max = 0;
        for (LanePeers lane : lanes) {
            max = Math.max(max, lane.typical());
        }
        return max;
    }

    void taken(long bytes) {
        outboxBytes.addAndGet(bytes);
    }

    void released(long bytes) {
        outboxBytes.addAndGet(-bytes);
    }

    private void sample() {
        if (closed) {
            return;
        }
        try {
            BacklogHistogram hub = new BacklogHistogram();
            for (LanePeers lane : lanes) {
                hub.addAll(lane.histogram());
            }
            long hubTypical = hub.typical();
            long now = clock.millis();
            for (LanePeers lane : lanes) {
                lane.lane().execute(() -> lane.sample(now, hubTypical));
            }
            if (!judge()) {
                wakeAll(); // outside the lock: the publishes let go run on from here
            }
        } finally {
            synchronized (this) {
                try {
                    tick = closed ? null : scheduler.schedule(this::sample, SAMPLE_MS);
                } catch (RuntimeException shutDown) {
                    tick = null; // the scheduler's threads are gone: the hub is stopping
                }
            }
        }
    }

    /**
     * Starts the hold at once when the frames not yet written already pass the budget: a burst published between two
     * samples is not waved through on the last sample's word. Taken only past the budget: a publish within it takes
     * no lock.
     */
    private synchronized boolean holdIfOverBudget() {
        if (!held && queuedBytes() > limit) {
            held = true;
            holds.increment();
        }
        return held;
    }

    /** Starts or ends the hold from the last samples; whether it holds now. */
    private synchronized boolean judge() {
        long queued = queuedBytes();
        long typical = typicalBacklog();
        if (!held && (queued > limit || typical > holdTypical)) {
            held = true;
            holds.increment();
        } else if (held && queued <= limit / 2 && typical <= resumeTypical) {
            held = false;
        }
        return held;
    }

    private void wakeAll() {
        CompletableFuture<Void> next;
        while ((next = waiting.poll()) != null) {
            next.complete(null);
        }
    }

    /** Stops sampling; publishes still waiting are let go (the engine refuses them as it closes). */
    @Override
    public void close() {
        Scheduler.Cancellable pending;
        synchronized (this) {
            closed = true;
            pending = tick;
            tick = null;
        }
        if (pending != null) {
            pending.cancel();
        }
        held = false;
        wakeAll();
    }
}
