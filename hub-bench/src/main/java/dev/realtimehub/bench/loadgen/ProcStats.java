package dev.realtimehub.bench.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and memory of a process, read from Linux's {@code /proc/<pid>/stat} ({@code utime + stime}) and
 * {@code /proc/<pid>/status} ({@code VmRSS}, {@code VmHWM}).
 *
 * <p>Stateless and thread-safe.
 */
final class ProcStats {

    /** Clock ticks per second of {@code /proc} CPU times ({@code getconf CLK_TCK}; 100 on every common Linux). */
    static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private ProcStats() {
    }

    /** One reading of a process. */
    record Sample(long pid, double cpuSeconds, long rssBytes, long rssPeakBytes, long nanoTime) {

        /** CPU seconds used between {@code earlier} and this reading. */
        double cpuSince(Sample earlier) {
            return cpuSeconds - earlier.cpuSeconds;
        }

        /** Wall seconds between {@code earlier} and this reading. */
        double secondsSince(Sample earlier) {
            return (nanoTime - earlier.nanoTime) / 1e9;
        }
    }

    /** Reads {@code pid} now, or returns {@code null} when it cannot be read (gone, not Linux). */
    static Sample read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime (14), stime (15)
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line);
                }
            }
            return new Sample(pid, ticks / CLOCK_TICKS_PER_SECOND, rss, peak, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Reads this process. */
    static Sample self() {
        return read(ProcessHandle.current().pid());
    }

    private static long kilobytes(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }
}
