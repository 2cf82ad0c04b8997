package dev.realtimehub.core.testing;

import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.spi.Scheduler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and scheduler that move only when a test calls {@link #advance}; not thread-safe. */
public final class ManualTime implements Clock, Scheduler {

    private long now = 1_700_000_000_000L;
    private long sequence;
    private final List<Task> tasks = new ArrayList<>();

    @Override
    public long millis() {
        return now;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMs) {
        Task scheduled = new Task(now + delayMs, sequence++, task);
        tasks.add(scheduled);
        return () -> tasks.remove(scheduled);
    }

    /** Moves time forward by {@code ms}, running every task that falls due, in order. */
    public void advance(long ms) {
        long target = now + ms;
        while (true) {
            Task next = tasks.stream()
                    .filter(t -> t.at <= target)
                    .min(Comparator.comparingLong((Task t) -> t.at).thenComparingLong(t -> t.order))
                    .orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = Math.max(now, next.at);
            next.task.run();
        }
        now = target;
    }

    /** Tasks waiting to run. */
    public int pending() {
        return tasks.size();
    }

    private record Task(long at, long order, Runnable task) {
    }
}
