package dev.realtimehub.bench.jmh;

import dev.realtimehub.core.spi.Lane;
import java.util.ArrayDeque;

/**
 * A {@link Lane} that queues tasks until {@link #runPending()}: several enqueues, then one drain — as an event loop does
 * when a burst arrives while it is busy. Not thread-safe.
 */
public final class ManualLane implements Lane {

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public boolean inLane() {
        return true;
    }

    /** Runs the queued tasks, and those they queue, until none is left. */
    public void runPending() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }
}
