package dev.realtimehub.core.testing;

import dev.realtimehub.core.spi.Lane;

/**
 * A lane that runs each task at once on the calling thread, one at a time under a lock, so that several publishing
 * threads can share it in concurrency tests. Thread-safe.
 */
public final class SerialLane implements Lane {

    @Override
    public synchronized void execute(Runnable task) {
        task.run();
    }

    @Override
    public boolean inLane() {
        return Thread.holdsLock(this);
    }
}
