package dev.realtimehub.bench.jmh;

import dev.realtimehub.core.spi.Lane;

/** A {@link Lane} that runs every task at once on the calling thread: fan-out without a thread hop. Not thread-safe. */
public final class DirectLane implements Lane {

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public boolean inLane() {
        return true;
    }
}
