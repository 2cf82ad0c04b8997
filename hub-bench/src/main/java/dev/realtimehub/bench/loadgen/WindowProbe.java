package dev.realtimehub.bench.loadgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readings of the server processes and of the load generator itself before the connections, and at the start and the
 * end of the measured window; from them, CPU seconds spent in the window and memory held.
 *
 * <p>Thread-safe: the window's ends may be taken on a timer thread.
 */
final class WindowProbe {

    /** One server process over the window. */
    record ServerWindow(long pid, double cpuSeconds, double seconds, long rssBytes, long rssPeakBytes,
                        long rssBeforeConnectBytes) {
    }

    /** The load generator over the window. */
    record SelfWindow(double cpuSeconds, double seconds, int cores) {

        /** Whether the load generator was busy for more than 90% of the cores it may use: its numbers then measure it. */
        boolean saturated() {
            return seconds > 0 && cpuSeconds / seconds > 0.9 * cores;
        }
    }

    private final List<Long> serverPids;
    private final Map<Long, ProcStats.Sample> beforeConnect = new LinkedHashMap<>();
    private final Map<Long, ProcStats.Sample> atStart = new LinkedHashMap<>();
    private final Map<Long, ProcStats.Sample> atEnd = new LinkedHashMap<>();
    private ProcStats.Sample selfStart;
    private ProcStats.Sample selfEnd;

    WindowProbe(List<Long> serverPids) {
        this.serverPids = List.copyOf(serverPids);
    }

    synchronized void beforeConnect() {
        readAll(beforeConnect);
    }

    synchronized void start() {
        readAll(atStart);
        selfStart = ProcStats.self();
    }

    /** Takes the window's closing readings; only the first call counts. */
    synchronized void end() {
        if (selfEnd != null) {
            return;
        }
        readAll(atEnd);
        selfEnd = ProcStats.self();
    }

    synchronized boolean ended() {
        return selfEnd != null;
    }

    /** Each server process over the window (those that could be read at both ends). */
    synchronized List<ServerWindow> servers() {
        List<ServerWindow> windows = new ArrayList<>();
        for (long pid : serverPids) {
            ProcStats.Sample start = atStart.get(pid);
            ProcStats.Sample end = atEnd.get(pid);
            if (start == null || end == null) {
                continue;
            }
            ProcStats.Sample before = beforeConnect.get(pid);
            windows.add(new ServerWindow(pid, end.cpuSince(start), end.secondsSince(start), end.rssBytes(),
                    end.rssPeakBytes(), before == null ? 0 : before.rssBytes()));
        }
        return windows;
    }

    /** The load generator over the window, or {@code null} when it was never closed. */
    synchronized SelfWindow self() {
        if (selfStart == null || selfEnd == null) {
            return null;
        }
        return new SelfWindow(selfEnd.cpuSince(selfStart), selfEnd.secondsSince(selfStart),
                Runtime.getRuntime().availableProcessors());
    }

    private void readAll(Map<Long, ProcStats.Sample> into) {
        for (long pid : serverPids) {
            ProcStats.Sample sample = ProcStats.read(pid);
            if (sample != null) {
                into.put(pid, sample);
            }
        }
    }
}
