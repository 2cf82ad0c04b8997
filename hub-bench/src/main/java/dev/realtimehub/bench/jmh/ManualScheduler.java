package dev.realtimehub.bench.jmh;

import dev.realtimehub.core.spi.Scheduler;
import java.util.ArrayList;
import java.util.List;

/** A {@link Scheduler} whose tasks run only when {@link #runDue()} is called, whatever their delay. Not thread-safe. */
public final class ManualScheduler implements Scheduler {

    private List<Runnable> pending = new ArrayList<>();

    @Override
    public Cancellable schedule(Runnable task, long delayMs) {
        Runnable[] slot = {task};
        pending.add(() -> {
            if (slot[0] != null) {
                slot[0].run();
            }
        });
        return () -> slot[0] = null;
    }

    /** Runs the tasks scheduled so far (those they schedule wait for the next call). */
    public void runDue() {
        List<Runnable> due = pending;
        pending = new ArrayList<>();
        for (Runnable task : due) {
            task.run();
        }
    }
}
