package dev.realtimehub.app;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a graceful stop: the handler runs the shutdown and the process exits 0, instead of the
 * JVM's default of dying with 143 or 130 in the middle of its work.
 */
final class ShutdownSignals {

    private ShutdownSignals() {
    }

    /** Calls {@code action} once on the first SIGTERM or SIGINT. */
    static void onTerminate(Runnable action) {
        Runnable once = new Runnable() {
            private boolean done;

            @Override
            public synchronized void run() {
                if (!done) {
                    done = true;
                    action.run();
                }
            }
        };
        Signal.handle(new Signal("TERM"), signal -> once.run());
        Signal.handle(new Signal("INT"), signal -> once.run());
    }
}
