package dev.realtimehub.bench.loadgen;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * One {@link LoopTally} per event loop of the load generator, created up front, and the progress counter they share.
 *
 * <p>Thread-safe: the map is filled before any connection exists and never changes.
 */
final class LoopTallies {

    private final Map<EventExecutor, LoopTally> byLoop = new IdentityHashMap<>();
    private final LongAdder received = new LongAdder();

    LoopTallies(EventLoopGroup group, long firstMeasuredSeq, long lastMeasuredSeq, double rate) {
        for (EventExecutor loop : group) {
            byLoop.put(loop, new LoopTally(firstMeasuredSeq, lastMeasuredSeq, rate, received));
        }
    }

    /** The tally of {@code loop}. */
    LoopTally of(EventLoop loop) {
        LoopTally tally = byLoop.get(loop);
        if (tally == null) {
            throw new IllegalStateException("not a loop of this generator: " + loop);
        }
        return tally;
    }

    /** Distinct benchmark events received so far by every connection together; any thread. */
    long received() {
        return received.sum();
    }

    /**
     * Every loop's figures, each taken on its own loop after closing the seq accounts at {@code lastPublished} against
     * the acknowledged seqs ({@code null}: all).
     */
    List<LoopTally.Snapshot> snapshots(long lastPublished, java.util.BitSet acked) {
        List<CompletableFuture<LoopTally.Snapshot>> futures = new ArrayList<>();
        byLoop.forEach((loop, tally) -> {
            CompletableFuture<LoopTally.Snapshot> future = new CompletableFuture<>();
            loop.execute(() -> {
                try {
                    future.complete(tally.snapshot(lastPublished, acked));
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            });
            futures.add(future);
        });
        List<LoopTally.Snapshot> snapshots = new ArrayList<>();
        for (CompletableFuture<LoopTally.Snapshot> future : futures) {
            snapshots.add(future.join());
        }
        return snapshots;
    }
}
