package dev.realtimehub.core.spi;

/**
 * Runs a task once after a delay; the transport backs it with its event loops, tests with a manual clock.
 *
 * <p>Any thread may schedule. Tasks run on a thread of the scheduler's choosing and must not block.
 */
@FunctionalInterface
public interface Scheduler {

    /** Schedules {@code task} to run once, {@code delayMs} from now; the result cancels it. */
    Cancellable schedule(Runnable task, long delayMs);

    /** A handle to a scheduled task. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not run yet; harmless afterwards. */
        void cancel();
    }
}
