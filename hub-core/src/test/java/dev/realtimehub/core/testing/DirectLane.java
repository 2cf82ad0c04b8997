package dev.realtimehub.core.testing;

import dev.realtimehub.core.spi.Lane;
import java.util.ArrayDeque;

/**
 * A lane that runs tasks on the calling thread, queued so that a task started from inside another runs after it
 * (as on a real event loop). Not thread-safe: for single-threaded tests.
 */
public final class DirectLane implements Lane {

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;
    private boolean paused;

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        runAll();
    }

    @Override
    public boolean inLane() {
        return true;
    }

    /** Holds tasks until {@link #resume()}, to look at what is queued. */
    public void pause() {
        paused = true;
    }

    /** Runs every held task. */
    public void resume() {
        paused = false;
        runAll();
    }

    private void runAll() {
        if (running || paused) {
            return;
        }
        running = true;
        try {
            Runnable next;
            while (!paused && (next = queue.poll()) != null) {
                next.run();
            }
        } finally {
            running = false;
        }
    }
}
